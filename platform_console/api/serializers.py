from rest_framework import serializers

from cases.models import ListingDecision
from iprgov.api_fields import StrictBooleanField, StrictCharField, StrictIntegerField
from platforms.models import DecisionAction


class ListingDecisionInput(serializers.Serializer):
    listings = serializers.ListField(
        child=StrictIntegerField(min_value=1, max_value=2**63 - 1), allow_empty=False, max_length=10_000
    )
    action = serializers.ChoiceField(choices=DecisionAction.choices)
    reason_code = StrictCharField(max_length=40)
    # The parts of the statement of reasons (DSA art. 17(3)): `statement` holds the facts and reasons relied
    # on; a standard part left out takes the platform's template for the decision.
    statement = StrictCharField(max_length=20_000)
    measure_scope = StrictCharField(max_length=5_000, required=False, default="", allow_blank=True)
    legal_ground = StrictCharField(max_length=5_000, required=False, default="", allow_blank=True)
    automated_means = StrictBooleanField(required=False, default=False)
    redress = StrictCharField(max_length=5_000, required=False, default="", allow_blank=True)


class ListingDecisionOutput(serializers.ModelSerializer):
    class Meta:
        model = ListingDecision
        fields = [
            "id",
            "listing",
            "case",
            "action",
            "reason_code",
            "measure_scope",
            "statement",
            "notice_cited",
            "cites_office_record",
            "legal_ground",
            "automated_means",
            "redress",
            "created_at",
        ]
        read_only_fields = fields
