"""Cases for every organisation kind (scoped), and the office's opinions and administrative decisions."""

from typing import Any, cast

from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from cases.actions import CaseAction
from cases.selectors import case_get, case_list_for_user, case_page
from cases.services.office_records import administrative_decision_issue, opinion_issue
from cases.services.rerouting import case_reroute
from iprgov.api import IDEMPOTENCY_HEADER, IsOffice, idempotent
from office_console.api import serializers as s
from office_console.api.filters import CaseFilter


def _user(request: Request) -> User:
    return cast(User, request.user)


@extend_schema_view(
    get=extend_schema(
        parameters=[
            # The filter's own bounds (cases.case_search refuses shorter text), which django-filter's schema
            # leaves out.
            OpenApiParameter(
                "q",
                {"type": "string", "minLength": 3, "maxLength": 500},
                description="Case or complaint number, listing URL or id, store id or name, registration "
                "number, complainant (the consoles' search).",
            )
        ]
    )
)
class CaseListApi(generics.ListAPIView):
    """Cases the organisation sees, newest first; filter by mode, status (repeatable), platform, complaint, deadline."""

    serializer_class = s.CaseOutput
    filterset_class = CaseFilter

    def get_queryset(self) -> Any:
        return case_list_for_user(user=_user(self.request))


class CaseDetailApi(APIView):
    """A case with its listings and decisions, evidence, the office's records and its full history."""

    @extend_schema(responses={200: s.CaseDetailOutput})
    def get(self, request: Request, pk: int) -> Response:
        page = case_page(user=_user(request), case_id=pk)
        page["case"].listing_count = len(page["listings"])
        page["available_actions"] = [
            {
                "action": action.value,
                "label": str(action.label),
                "method": "POST",
                "endpoint": _endpoint(action, pk),
            }
            for action in sorted(page["actions"])
        ]
        return Response(s.CaseDetailOutput(page).data)


# The actions this API carries out, by the URL that takes them (a POST). Every action a complainant, a
# platform, an office or a dispute-resolution body does by hand has one (tests/api/test_available_actions.py).
ACTION_ENDPOINTS = {
    CaseAction.INFORMATION_REQUESTED: "api:case_information_request",
    CaseAction.INFORMATION_SUPPLIED: "api:case_information_supply",
    CaseAction.LISTINGS_DECIDED: "api:listing_decide",
    CaseAction.DECIDED: "api:listing_decide",
    CaseAction.COUNTER_NOTICE_FORWARDED: "api:case_counter_notice_forward",
    CaseAction.FOLLOW_UP_FILED: "api:case_follow_up",
    CaseAction.WITHDRAWN: "api:case_withdraw",
    CaseAction.OPINION_ISSUED: "api:opinion_issue",
    CaseAction.CONSENT_GIVEN: "api:case_consent",
    CaseAction.CONSENT_REFUSED: "api:case_consent",
    CaseAction.ACCEPTED: "api:case_accept",
    CaseAction.FALLBACK: "api:case_decline",
    CaseAction.OFFICIALS_ASSIGNED: "api:case_assign",
    CaseAction.HEARING_SCHEDULED: "api:case_sessions",
    CaseAction.MEDIATION_SCHEDULED: "api:case_sessions",
    CaseAction.MEDIATION_AGREEMENT: "api:case_mediation_result",
    CaseAction.MEDIATION_FAILED: "api:case_mediation_result",
    CaseAction.DECISION_ISSUED: "api:administrative_decision_issue",
    CaseAction.EXECUTION_CONFIRMED: "api:case_execution_confirm",
    CaseAction.TRANSFER_REQUESTED: "api:case_transfer_request",
    CaseAction.ASSISTANCE_REQUESTED: "api:case_assistance_request",
    CaseAction.RESPONDENT_LINK_SENT: "api:case_respondent_link",
    CaseAction.REROUTED: "api:case_reroute",
    CaseAction.REFERRAL_PROPOSED: "api:case_referral_propose",
    CaseAction.REFERRAL_REFUSED: "api:case_referral_answer",
    CaseAction.REFERRAL_ACCEPTED: "api:case_referral_answer",
    CaseAction.BODY_SESSION_RECORDED: "api:case_body_sessions",
    CaseAction.SETTLEMENT_RECORDED: "api:case_settlement",
    CaseAction.AWARD_ISSUED: "api:case_award",
    CaseAction.AWARD_EXECUTED: "api:case_award_execute",
    CaseAction.REVIEW_REQUESTED: "api:case_review_request",
    CaseAction.REVIEW_CONFIRMED: "api:case_review_answer",
    CaseAction.REVIEW_REVERSED: "api:case_review_answer",
    CaseAction.REFERRED_TO_LAW_ENFORCEMENT: "api:case_law_enforcement_referral",
}


def _endpoint(action: CaseAction, pk: int) -> str | None:
    name = ACTION_ENDPOINTS.get(action)
    return reverse(name, args=[pk]) if name else None


class OpinionIssueApi(APIView):
    """The office's determination opinion on an assisted case; the case returns to the platform."""

    permission_classes = [IsOffice]

    @extend_schema(request=s.OpinionInput, responses={201: s.OpinionOutput}, parameters=[IDEMPOTENCY_HEADER])
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        case_get(user=_user(request), case_id=pk)
        data = s.OpinionInput(data=request.data)
        data.is_valid(raise_exception=True)
        opinion = opinion_issue(case_id=pk, actor=_user(request), **data.validated_data)
        return Response(s.OpinionOutput(opinion).data, status=status.HTTP_201_CREATED)


class AdministrativeDecisionIssueApi(APIView):
    """The office's decision on an administrative case; the platform must then execute it."""

    permission_classes = [IsOffice]

    @extend_schema(
        request=s.AdministrativeDecisionInput,
        responses={201: s.AdministrativeDecisionOutput},
        parameters=[IDEMPOTENCY_HEADER],
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        case_get(user=_user(request), case_id=pk)
        data = s.AdministrativeDecisionInput(data=request.data)
        data.is_valid(raise_exception=True)
        decision = administrative_decision_issue(case_id=pk, actor=_user(request), **data.validated_data)
        return Response(s.AdministrativeDecisionOutput(decision).data, status=status.HTTP_201_CREATED)


class CaseRerouteApi(APIView):
    """An office manager sends a case of its jurisdiction, not yet decided, to another mode or office."""

    permission_classes = [IsOffice]

    @extend_schema(request=s.RerouteInput, responses={200: s.CaseOutput}, parameters=[IDEMPOTENCY_HEADER])
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        case_get(user=_user(request), case_id=pk)
        data = s.RerouteInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        case = case_reroute(
            case_id=pk,
            actor=_user(request),
            mode=values["mode"],
            office_id=values["office"],
            reason=values["reason"],
        )
        # The case as re-routed, even when it went to another office and so left the caller's scope.
        return Response(s.CaseOutput(case).data)
