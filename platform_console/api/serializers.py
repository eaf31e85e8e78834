from rest_framework import serializers

from cases.models import ListingDecision
from iprgov.api_fields import StrictCharField, StrictIntegerField
from platforms.models import DecisionAction


class ListingDecisionInput(serializers.Serializer):
    listings = serializers.ListField(
        child=StrictIntegerField(min_value=1, max_value=2**63 - 1), allow_empty=False, max_length=10_000
    )
    action = serializers.ChoiceField(choices=DecisionAction.choices)
    reason_code = StrictCharField(max_length=40)
    statement = StrictCharField(max_length=20_000)


class ListingDecisionOutput(serializers.ModelSerializer):
    class Meta:
        model = ListingDecision
        fields = [
            "id",
            "listing",
            "case",
            "action",
            "reason_code",
            "statement",
            "cites_office_record",
            "created_at",
        ]
        read_only_fields = fields
