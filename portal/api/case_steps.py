"""The complainant's steps on one of its cases: supply the information asked for, show a complaint to an
office or court in the counter-notice window, withdraw the case, answer the consent request; and the
complaint's evidence files. Each calls the service the portal calls."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.views import APIView

from accounts.models import User
from cases.selectors import cases_visible_to
from cases.services.consent import consent_answer_complainant
from cases.services.decisions import information_supply
from cases.services.notice_and_takedown import case_withdraw, follow_up_record
from iprgov.api import FirstRendererNegotiation, IsRightsholder
from iprgov.api_actions import CaseStepApi
from iprgov.api_fields import StrictBooleanField, StrictCharField, StrictIdField
from iprgov.api_schema import GIVEN
from iprgov.api_uploads import api_download
from iprgov.http import acting_user
from portal import selectors


class InformationInput(serializers.Serializer):
    answer = StrictCharField(max_length=20_000, help_text="The information the platform asked for.")


class InformationSupplyApi(CaseStepApi):
    """Supply the information the platform asked for; the case returns to the platform."""

    permission_classes = [IsRightsholder]
    input_class = InformationInput

    def perform(self, *, user: User, case_id: int, data: dict[str, Any]) -> Any:
        return information_supply(case_id=case_id, actor=user, answer=data["answer"])


class FollowUpInput(serializers.Serializer):
    reference = StrictCharField(
        max_length=300, help_text="The office or court and the reference of the complaint filed there."
    )
    linked_case = StrictIdField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The administrative case on this platform that the complaint opened, if any.",
    )

    def validate_linked_case(self, value: int | None) -> int | None:
        user = acting_user(self.context["request"])
        others = cases_visible_to(user).exclude(pk=self.context["case_id"])
        if value is not None and not others.filter(pk=value).exists():
            # A case named in the body that is not another of the caller's is a 404, like one in the URL.
            raise serializers.ValidationError(_("Choose one of your own cases."), code="does_not_exist")
        return value


class FollowUpApi(CaseStepApi):
    """Show, within the counter-notice window, that a complaint to an office or court was filed: the
    measures stay in place and the case closes."""

    permission_classes = [IsRightsholder]
    input_class = FollowUpInput

    def perform(self, *, user: User, case_id: int, data: dict[str, Any]) -> Any:
        return follow_up_record(
            case_id=case_id, actor=user, reference=data["reference"], linked_case_id=data["linked_case"]
        )


class CaseWithdrawInput(serializers.Serializer):
    reason = StrictCharField(max_length=5_000, required=False, allow_blank=True, default="")


class CaseWithdrawApi(CaseStepApi):
    """Withdraw this case (not the rest of the complaint); listings taken down are restored."""

    permission_classes = [IsRightsholder]
    input_class = CaseWithdrawInput

    def perform(self, *, user: User, case_id: int, data: dict[str, Any]) -> Any:
        return case_withdraw(case_id=case_id, actor=user, reason=data["reason"])


class ConsentInput(serializers.Serializer):
    consent = StrictBooleanField(help_text="true: consent to administrative handling; false: refuse.")
    reason = StrictCharField(max_length=5_000, required=False, allow_blank=True, default="")
    # A refusal needs its reason (the service checks it).
    any_of = ({"consent": True}, {"reason": GIVEN})


class ConsentAnswerApi(CaseStepApi):
    """The complainant's answer to the request for its consent to administrative handling."""

    permission_classes = [IsRightsholder]
    input_class = ConsentInput

    def perform(self, *, user: User, case_id: int, data: dict[str, Any]) -> Any:
        return consent_answer_complainant(case_id=case_id, actor=user, **data)


class EvidenceFileApi(APIView):
    """An evidence file of a complaint, to the complainant or a platform or office that sees its case."""

    content_negotiation_class = FirstRendererNegotiation

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request: Request, pk: int) -> Any:
        evidence = selectors.evidence_get_for_user(user=acting_user(request), evidence_id=pk)
        return api_download(evidence.file, evidence.original_name)
