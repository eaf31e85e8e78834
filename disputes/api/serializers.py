"""Shapes of the review API: a party's request (multipart, with evidence files), the platform's answer, and
the reviews as every party of the case reads them (no account of who asked or answered: the parties see
the party, the name the respondent gave and the reasons)."""

from rest_framework import serializers

from cases.models import DecisionReview, ReviewEvidence, ReviewOutcome
from iprgov.api_fields import StrictCharField
from iprgov.api_uploads import checked_document

MAX_FILES = 10


class ReviewRequestInput(serializers.Serializer):
    reasons = StrictCharField(
        max_length=20_000, help_text="What the decision got wrong and what shows it; the review is free."
    )
    evidence = serializers.ListField(
        child=serializers.FileField(), required=False, max_length=MAX_FILES, help_text="Repeatable."
    )

    def validate_evidence(self, value: list) -> list:
        return [checked_document(upload) for upload in value]


class RespondentReviewRequestInput(ReviewRequestInput):
    name_given = StrictCharField(max_length=200, help_text="The respondent's name or its store's.")


class ReviewAnswerInput(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=ReviewOutcome.choices)
    answer = StrictCharField(
        max_length=20_000, help_text="The reasons for the answer; both parties receive them."
    )
    reason_code = StrictCharField(
        max_length=100,
        required=False,
        allow_blank=True,
        default="",
        help_text="Reversing a rejection only: the platform's reason code the listings are taken down for.",
    )


class ReviewEvidenceOutput(serializers.ModelSerializer):
    class Meta:
        model = ReviewEvidence
        fields = ["id", "original_name", "sha256", "uploaded_at"]
        read_only_fields = fields


class ReviewOutput(serializers.ModelSerializer):
    evidence = ReviewEvidenceOutput(many=True, read_only=True)

    class Meta:
        model = DecisionReview
        fields = [
            "id",
            "case",
            "party",
            "name_given",
            "reasons",
            "requested_at",
            "evidence",
            "outcome",
            "answer",
            "further_options",
            "decided_at",
        ]
        read_only_fields = fields
