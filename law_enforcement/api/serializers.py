from typing import Any

from rest_framework import serializers

from iprgov.api_fields import StrictCharField, StrictIdField
from iprgov.api_uploads import checked_document
from law_enforcement.models import (
    MAX_CASES_PER_REFERRAL,
    LawEnforcementAuthority,
    OutcomeKind,
    Referral,
    ReferralOutcome,
)


class ReferralInput(serializers.Serializer):
    cases = serializers.ListField(
        child=StrictIdField(),
        allow_empty=False,
        max_length=MAX_CASES_PER_REFERRAL,
        help_text="Cases of yours against one store or a network of stores.",
    )
    authority = StrictIdField(
        help_text="A law-enforcement authority serving the region of every case's store."
    )
    reason = StrictCharField(max_length=20_000, help_text="Why the cases are referred.")


class CaseReferralInput(serializers.Serializer):
    authority = StrictIdField(help_text="A law-enforcement authority serving the region of the case's store.")
    reason = StrictCharField(max_length=20_000, help_text="Why the case is referred.")


class OutcomeInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=OutcomeKind.choices)
    note = StrictCharField(max_length=20_000, help_text="What was done.")
    file = serializers.FileField(required=False, help_text="A report or a record of seizure.")

    def validate_file(self, value: Any) -> Any:
        return checked_document(value)


class AuthorityOutput(serializers.ModelSerializer):
    name = serializers.CharField(source="organisation.name")
    regions = serializers.ListField(
        child=serializers.CharField(), source="region_codes", help_text="Codes of the regions served."
    )

    class Meta:
        model = LawEnforcementAuthority
        fields = ["id", "name", "authority_kind", "regions"]
        read_only_fields = fields


class OutcomeOutput(serializers.ModelSerializer):
    file_sha256 = serializers.CharField(allow_blank=True, help_text="Empty when no file was given.")

    class Meta:
        model = ReferralOutcome
        fields = ["id", "kind", "note", "recorded_at", "file_sha256", "file_size"]
        read_only_fields = fields


class ReferralOutput(serializers.ModelSerializer):
    authority = AuthorityOutput()
    referred_by = serializers.CharField(source="referred_by_org.name")
    region = serializers.CharField(source="region.code")
    platform = serializers.IntegerField(source="platform_id")
    cases = serializers.ListField(child=serializers.IntegerField(), source="case_ids")
    outcomes = OutcomeOutput(many=True, read_only=True)
    package_sha256 = serializers.CharField(help_text="SHA-256 of the clue package (GET .../clue-package/).")

    class Meta:
        model = Referral
        fields = [
            "id",
            "status",
            "authority",
            "referred_by",
            "platform",
            "region",
            "reason",
            "case_count",
            "cases",
            "created_at",
            "acknowledged_at",
            "investigation_opened",
            "goods_seized",
            "package_sha256",
            "package_size",
            "outcomes",
        ]
        read_only_fields = fields
