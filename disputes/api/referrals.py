"""The API of mediation and arbitration: the bodies a case may go to, the parties' proposal and answer (the
complainant with its token, the respondent through its signed link), the body's sessions, settlement and
award, and the platform's execution of an award. Each calls the service the pages call."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from cases.models import Case
from cases.selectors import case_get
from disputes.models import (
    AwardMeasure,
    BodySession,
    DisputeReferral,
    DisputeResolutionBody,
    MeasuresWhileReferred,
)
from disputes.selectors import bodies_offered
from disputes.services.referrals import (
    award_execute,
    award_issue,
    body_session_record,
    referral_answer_complainant,
    referral_answer_respondent,
    referral_propose_complainant,
    referral_propose_respondent,
    settlement_record,
)
from iprgov.api import IsDisputeBody, IsPlatform, IsRightsholder
from iprgov.api_actions import CaseStepApi
from iprgov.api_fields import StrictBooleanField, StrictCharField, StrictIdField
from iprgov.api_schema import GIVEN
from iprgov.http import acting_user
from iprgov.respondent_api import RespondentApi, case_id_of_link
from regions.models import Region


class DisputeBodyOutput(serializers.ModelSerializer):
    name = serializers.CharField(source="organisation.name")
    right_types = serializers.ListField(child=serializers.CharField())
    languages = serializers.ListField(child=serializers.CharField())
    regions: "serializers.SlugRelatedField[Region]" = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="name"
    )

    class Meta:
        model = DisputeResolutionBody
        fields = [
            "id",
            "name",
            "body_kind",
            "regions",
            "right_types",
            "fees",
            "languages",
            "time_limit_working_days",
        ]
        read_only_fields = fields


class BodySessionOutput(serializers.ModelSerializer):
    class Meta:
        model = BodySession
        fields = ["id", "held_at", "online", "place", "notes", "recorded_at"]
        read_only_fields = fields


class AwardedMeasureOutput(serializers.Serializer):
    listing = serializers.IntegerField(source="listing_id")
    measure = serializers.ChoiceField(choices=AwardMeasure.choices)


class DisputeReferralOutput(serializers.ModelSerializer):
    body = DisputeBodyOutput()
    sessions = BodySessionOutput(many=True)
    awarded_measures = AwardedMeasureOutput(many=True)

    class Meta:
        model = DisputeReferral
        fields = [
            "id",
            "case",
            "body",
            "proposed_by",
            "name_given",
            "note",
            "measures",
            "status",
            "proposed_at",
            "answered_at",
            "refusal_reason",
            "accepted_at",
            "deadline",
            "terms",
            "resolved_at",
            "executed_at",
            "sessions",
            "awarded_measures",
        ]
        read_only_fields = fields


class ReferralProposeInput(serializers.Serializer):
    body = StrictIdField(help_text="One of the bodies GET .../dispute-bodies/ offers.")
    measures = serializers.ChoiceField(
        choices=MeasuresWhileReferred.choices,
        default=MeasuresWhileReferred.STAND,
        help_text="What happens to the listings while the body works on the case.",
    )
    note = StrictCharField(max_length=5_000, required=False, allow_blank=True, default="")


class RespondentReferralProposeInput(ReferralProposeInput):
    name_given = StrictCharField(max_length=200, help_text="The respondent's name or its store's.")


class ReferralAnswerInput(serializers.Serializer):
    accept = StrictBooleanField()
    reason = StrictCharField(
        max_length=5_000, required=False, allow_blank=True, default="", help_text="Why, when refusing."
    )
    any_of = ({"accept": True}, {"reason": GIVEN})


class RespondentReferralAnswerInput(ReferralAnswerInput):
    name_given = StrictCharField(max_length=200, help_text="The respondent's name or its store's.")


class BodySessionInput(serializers.Serializer):
    held_at = serializers.DateTimeField(help_text="When the session is (or was) held.")
    online = StrictBooleanField(required=False, default=False)
    place = StrictCharField(max_length=300, help_text="The place, or the link to join online.")
    notes = StrictCharField(max_length=20_000, required=False, allow_blank=True, default="")


class SettlementInput(serializers.Serializer):
    terms = StrictCharField(max_length=20_000, help_text="The terms the parties agreed; the case closes.")


class AwardedMeasureInput(serializers.Serializer):
    listing = StrictIdField(help_text="A listing of the case.")
    measure = serializers.ChoiceField(choices=AwardMeasure.choices)


class AwardInput(serializers.Serializer):
    terms = StrictCharField(max_length=20_000)
    measures = serializers.ListField(
        child=AwardedMeasureInput(), required=False, default=list, max_length=1_000
    )


class ExecuteInput(serializers.Serializer):
    note = StrictCharField(max_length=5_000, required=False, allow_blank=True, default="")


def _with_records(referral: DisputeReferral) -> DisputeReferral:
    """The referral re-read with what DisputeReferralOutput shows."""
    return (
        DisputeReferral.objects.select_related("body__organisation")
        .prefetch_related("body__regions", "sessions", "awarded_measures")
        .get(pk=referral.pk)
    )


class DisputeBodyListApi(APIView):
    """The dispute-resolution bodies serving the case's region and kind of right, with fees, languages and
    time limit: those a party may propose."""

    permission_classes = [IsRightsholder]

    @extend_schema(responses={200: DisputeBodyOutput(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        case = case_get(user=acting_user(request), case_id=pk)
        return Response(DisputeBodyOutput(bodies_offered(case), many=True).data)


class DisputeReferralListApi(APIView):
    """The case's referrals to dispute-resolution bodies: proposals, answers, sessions, settlement or award."""

    @extend_schema(responses={200: DisputeReferralOutput(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        case = case_get(user=acting_user(request), case_id=pk)
        referrals = (
            case.dispute_referrals.select_related("body__organisation")
            .prefetch_related("body__regions", "sessions", "awarded_measures")
            .order_by("pk")
        )
        return Response(DisputeReferralOutput(referrals, many=True).data)


class ReferralProposeApi(CaseStepApi):
    """Propose a dispute-resolution body to the respondent (one open proposal per case)."""

    permission_classes = [IsRightsholder]
    input_class = ReferralProposeInput
    output_class = DisputeReferralOutput
    created = True

    def perform(self, *, user: User, case_id: int, data: dict[str, Any]) -> Any:
        return _with_records(
            referral_propose_complainant(
                case_id=case_id,
                actor=user,
                body_id=data["body"],
                measures=data["measures"],
                note=data["note"],
            )
        )


class ReferralAnswerApi(CaseStepApi):
    """Accept or refuse the respondent's proposal; accepted, the case goes to the body."""

    permission_classes = [IsRightsholder]
    input_class = ReferralAnswerInput

    def perform(self, *, user: User, case_id: int, data: dict[str, Any]) -> Any:
        return referral_answer_complainant(
            case_id=case_id, actor=user, accept=data["accept"], reason=data["reason"]
        )


class BodySessionApi(CaseStepApi):
    """Record a session of the body with the parties: its time, place or link, and notes."""

    permission_classes = [IsDisputeBody]
    input_class = BodySessionInput
    output_class = BodySessionOutput
    created = True

    def perform(self, *, user: User, case_id: int, data: dict[str, Any]) -> Any:
        return body_session_record(case_id=case_id, actor=user, **data)


class SettlementApi(CaseStepApi):
    """Record the parties' settlement with its terms, once a session was held; the case closes."""

    permission_classes = [IsDisputeBody]
    input_class = SettlementInput

    def perform(self, *, user: User, case_id: int, data: dict[str, Any]) -> Any:
        return settlement_record(case_id=case_id, actor=user, terms=data["terms"])


class AwardApi(CaseStepApi):
    """Issue an arbitral award, once a session was held: its terms and its measures on the listings."""

    permission_classes = [IsDisputeBody]
    input_class = AwardInput
    output_class = DisputeReferralOutput
    created = True

    def perform(self, *, user: User, case_id: int, data: dict[str, Any]) -> Any:
        measures = {item["listing"]: item["measure"] for item in data["measures"]}
        return _with_records(award_issue(case_id=case_id, actor=user, terms=data["terms"], measures=measures))


class AwardExecuteApi(CaseStepApi):
    """Execute the arbitral award: the listings it names are taken down or restored; the case closes."""

    permission_classes = [IsPlatform]
    input_class = ExecuteInput

    def perform(self, *, user: User, case_id: int, data: dict[str, Any]) -> Any:
        return award_execute(case_id=case_id, actor=user, note=data["note"])


# The respondent, through its signed link -----------------------------------------------------------------


def _respondent_case(token: str) -> Case:
    return Case.objects.select_related("store", "platform", "complaint__right").get(pk=case_id_of_link(token))


class RespondentDisputeBodyListApi(RespondentApi):
    """The dispute-resolution bodies the respondent may propose for its case."""

    @extend_schema(responses={200: DisputeBodyOutput(many=True)}, auth=[])
    def get(self, request: Request, token: str) -> Response:
        return Response(DisputeBodyOutput(bodies_offered(_respondent_case(token)), many=True).data)


class RespondentReferralProposeApi(RespondentApi):
    """Propose a dispute-resolution body to the complainant (one open proposal per case: another is a 409)."""

    @extend_schema(request=RespondentReferralProposeInput, responses={201: DisputeReferralOutput}, auth=[])
    def post(self, request: Request, token: str) -> Response:
        case_id = case_id_of_link(token)
        data = RespondentReferralProposeInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        referral = referral_propose_respondent(
            case_id=case_id,
            name_given=values["name_given"],
            body_id=values["body"],
            measures=values["measures"],
            note=values["note"],
        )
        return Response(DisputeReferralOutput(_with_records(referral)).data, status=status.HTTP_201_CREATED)


class RespondentReferralAnswerApi(RespondentApi):
    """Accept or refuse the complainant's proposal; accepted, the case goes to the body."""

    @extend_schema(request=RespondentReferralAnswerInput, responses={200: DisputeReferralOutput}, auth=[])
    def post(self, request: Request, token: str) -> Response:
        case_id = case_id_of_link(token)
        data = RespondentReferralAnswerInput(data=request.data)
        data.is_valid(raise_exception=True)
        referral = referral_answer_respondent(case_id=case_id, **data.validated_data)
        return Response(DisputeReferralOutput(_with_records(referral)).data)
