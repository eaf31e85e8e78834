"""What every party of a case reads and does through the API, whatever its kind: the case's history and
documents, the respondent's link sent again, and a complainant's filing suspended."""

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import FilingSuspension, User
from audit.selectors import audit_history_for_case
from cases.selectors import case_get, case_page
from cases.services.bad_faith import MAX_SUSPENSION_DAYS, filing_suspend
from cases.services.respondent_contact import respondent_link_send
from iprgov.api import IsPlatformOrOffice
from iprgov.api_actions import CaseStepApi
from iprgov.api_fields import StrictCharField, StrictIntegerField
from iprgov.http import acting_user
from office_console.api.serializers import HistoryOutput


class CaseHistoryApi(APIView):
    """The case's audit trail, oldest first: every state change and step, who did it and when."""

    @extend_schema(responses={200: HistoryOutput(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        case_get(user=acting_user(request), case_id=pk)
        return Response(HistoryOutput(audit_history_for_case(case_id=pk), many=True).data)


class DocumentOutput(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=[("evidence", "evidence"), ("counter_notice_evidence", "counter_notice_evidence")],
        help_text="The complaint's evidence, or the evidence of the respondent's counter-notice.",
    )
    id = serializers.IntegerField()
    name = serializers.CharField(help_text="The file's name as uploaded.")
    uploaded_at = serializers.DateTimeField()
    download_url = serializers.CharField(help_text="GET it with the same token.")


class CaseDocumentsApi(APIView):
    """The files of the case the caller may open, each with the URL that downloads it."""

    @extend_schema(responses={200: DocumentOutput(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        page = case_page(user=acting_user(request), case_id=pk)
        documents = [
            {
                "kind": "evidence",
                "id": evidence.pk,
                "name": evidence.original_name,
                "uploaded_at": evidence.uploaded_at,
                "download_url": reverse("api:evidence_file", args=[evidence.pk]),
            }
            for evidence in page["evidence"]
        ]
        if page["counter_notice"] is not None:
            documents += [
                {
                    "kind": "counter_notice_evidence",
                    "id": evidence.pk,
                    "name": evidence.original_name,
                    "uploaded_at": evidence.uploaded_at,
                    "download_url": reverse("api:counter_notice_evidence_file", args=[evidence.pk]),
                }
                for evidence in page["counter_notice"].evidence.all()
            ]
        return Response(DocumentOutput(documents, many=True).data)


class RespondentLinkSendApi(CaseStepApi):
    """Email the respondent its signed link to the case again (the platform or the office of the case)."""

    permission_classes = [IsPlatformOrOffice]

    def perform(self, *, user: User, case_id: int, data: dict[str, Any]) -> Any:
        return respondent_link_send(case_id=case_id, actor=user)


class SuspensionInput(serializers.Serializer):
    days = StrictIntegerField(min_value=1, max_value=MAX_SUSPENSION_DAYS)
    reason = StrictCharField(max_length=5_000, help_text="Why; the complainant is told.")


class SuspensionOutput(serializers.ModelSerializer):
    class Meta:
        model = FilingSuspension
        fields = ["id", "organisation", "platform", "until", "reason", "created_at"]
        read_only_fields = fields


class FilingSuspendApi(CaseStepApi):
    """Suspend the filing of the case's complainant (a platform: against itself; an office: everywhere)."""

    permission_classes = [IsPlatformOrOffice]
    input_class = SuspensionInput
    output_class = SuspensionOutput
    created = True

    def perform(self, *, user: User, case_id: int, data: dict[str, Any]) -> Any:
        case = case_get(user=user, case_id=case_id)
        return filing_suspend(
            actor=user,
            organisation_id=case.complaint.filed_by_org_id,
            days=data["days"],
            reason=data["reason"],
        )
