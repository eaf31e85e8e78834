from rest_framework import serializers

from audit.models import AuditEntry
from cases.actions import CaseAction
from cases.models import (
    AdministrativeDecision,
    Case,
    DeterminationOpinion,
    HandlingMode,
    ListingDecision,
    OpinionOutcome,
)
from complaints.models import EvidenceFile, Listing
from iprgov.api_fields import StrictBooleanField, StrictCharField, StrictIntegerField
from iprgov.api_schema import GIVEN


class StoreOutput(serializers.Serializer):
    id = serializers.IntegerField()
    external_id = serializers.CharField()
    name = serializers.CharField()


class CaseOutput(serializers.ModelSerializer):
    platform_name = serializers.CharField(source="platform.organisation.name", read_only=True)
    office_name = serializers.SerializerMethodField()
    store = StoreOutput(read_only=True)
    listing_count = serializers.IntegerField(read_only=True)
    right_type = serializers.CharField(source="complaint.right.right_type", read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "complaint",
            "status",
            "mode",
            "platform",
            "platform_name",
            "office",
            "office_name",
            "store",
            "right_type",
            "deadline",
            "deadline_counts",
            "routing_reason",
            "outcome",
            "created_at",
            "routed_at",
            "decided_at",
            "updated_at",
            "listing_count",
        ]
        read_only_fields = fields

    def get_office_name(self, obj: Case) -> str | None:
        return obj.office.organisation.name if obj.office else None


class DecisionOutput(serializers.ModelSerializer):
    decided_by = serializers.CharField(source="decided_by.get_username", read_only=True)

    class Meta:
        model = ListingDecision
        fields = [
            "id",
            "action",
            "reason_code",
            "measure_scope",
            "statement",
            "notice_cited",
            "cites_office_record",
            "legal_ground",
            "automated_means",
            "redress",
            "decided_by",
            "created_at",
        ]
        read_only_fields = fields


class CaseListingOutput(serializers.ModelSerializer):
    decisions = DecisionOutput(many=True, read_only=True)

    class Meta:
        model = Listing
        fields = ["id", "url", "listing_ref", "store_ref", "store_name", "status", "decisions"]
        read_only_fields = fields


class HistoryOutput(serializers.ModelSerializer):
    # Who acted as the history page shows it; a respondent's typed name is only ever `name_given`.
    actor = serializers.CharField(source="actor_shown", read_only=True)

    class Meta:
        model = AuditEntry
        fields = [
            "created_at",
            "actor",
            "actor_kind",
            "name_given",
            "subject_type",
            "subject_id",
            "action",
            "from_status",
            "to_status",
            "note",
        ]
        read_only_fields = fields


class OpinionOutput(serializers.ModelSerializer):
    class Meta:
        model = DeterminationOpinion
        fields = ["id", "case", "outcome", "reasoning", "technical_comparison", "issued_at"]
        read_only_fields = fields


class AdministrativeDecisionOutput(serializers.ModelSerializer):
    class Meta:
        model = AdministrativeDecision
        fields = ["id", "case", "infringement_established", "measures_ordered", "reasoning", "issued_at"]
        read_only_fields = fields


class CaseEvidenceOutput(serializers.ModelSerializer):
    class Meta:
        model = EvidenceFile
        fields = ["id", "original_name", "uploaded_at"]
        read_only_fields = fields


class AvailableActionOutput(serializers.Serializer):
    action = serializers.ChoiceField(
        choices=CaseAction.choices, help_text="The action's code (its audit action)."
    )
    # A field named like Field.label: DRF's metaclass moves declared fields off the class, so nothing clashes.
    label = serializers.CharField(help_text="What the action is called, in the caller's language.")  # type: ignore[assignment]
    method = serializers.ChoiceField(choices=[("POST", "POST")], help_text="The HTTP method that takes it.")
    endpoint = serializers.CharField(
        allow_null=True, help_text="Where to send it in this API; null where only the browser offers it."
    )


class CaseDetailOutput(serializers.Serializer):
    case = CaseOutput()
    available_actions = AvailableActionOutput(
        many=True, help_text="What the caller may do on the case now, from the state machine."
    )
    listings = CaseListingOutput(many=True)
    evidence = CaseEvidenceOutput(many=True)
    history = HistoryOutput(many=True)
    opinion = OpinionOutput(allow_null=True)
    decision = AdministrativeDecisionOutput(allow_null=True)


class OpinionInput(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=OpinionOutcome.choices)
    reasoning = StrictCharField(max_length=20_000)
    technical_comparison = StrictCharField(max_length=20_000, required=False, allow_blank=True, default="")


class AdministrativeDecisionInput(serializers.Serializer):
    infringement_established = StrictBooleanField()
    reasoning = StrictCharField(max_length=20_000)
    measures_ordered = StrictCharField(max_length=20_000, required=False, allow_blank=True, default="")
    # An infringement established needs the measures the platform must take (the service checks it).
    any_of = ({"infringement_established": False}, {"measures_ordered": GIVEN})


class RerouteInput(serializers.Serializer):
    mode = serializers.ChoiceField(choices=HandlingMode.choices)
    office = StrictIntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The new office's id; omitted: keep the case's.",
    )
    reason = StrictCharField(max_length=5_000, help_text="Why the case is re-routed; the parties are told.")
