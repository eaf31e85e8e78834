"""The asked office's side of cooperation: the transfers and assistance requests other offices sent it, and
its answers (accept or decline a transfer; answer or decline a request for assistance)."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.models import AssistanceRequest, RequestStatus, Transfer
from cases.selectors import office_of
from cases.services import cooperation
from iprgov.api import IDEMPOTENCY_HEADER, IsOffice, idempotent
from iprgov.api_fields import StrictCharField
from iprgov.http import acting_user
from office_console.api.steps import AssistanceOutput, TransferOutput


def _incoming[Request_: (Transfer, AssistanceRequest)](model: type[Request_], request: Request) -> Any:
    """The office's pending requests of this kind from other offices, oldest first (its dashboard's inbox)."""
    return model._default_manager.filter(
        to_office=office_of(acting_user(request)), status=RequestStatus.PENDING
    ).order_by("pk")


class IncomingTransferListApi(generics.ListAPIView):
    """Transfers other offices ask this office to take, still unanswered."""

    permission_classes = [IsOffice]
    serializer_class = TransferOutput
    queryset = Transfer.objects.none()  # for the schema; get_queryset scopes

    def get_queryset(self) -> Any:
        return _incoming(Transfer, self.request)


class IncomingAssistanceListApi(generics.ListAPIView):
    """Requests for assistance other offices sent this office, still unanswered."""

    permission_classes = [IsOffice]
    serializer_class = AssistanceOutput
    queryset = AssistanceRequest.objects.none()  # for the schema; get_queryset scopes

    def get_queryset(self) -> Any:
        return _incoming(AssistanceRequest, self.request)


class ReasonInput(serializers.Serializer):
    reason = StrictCharField(max_length=20_000, required=False, allow_blank=True, default="")


class DeclineReasonInput(serializers.Serializer):
    reason = StrictCharField(max_length=20_000, help_text="Why the transfer is declined.")


class _TransferAnswerApi(APIView):
    permission_classes = [IsOffice]
    accept = True

    def answer(self, request: Request, pk: int) -> Response:
        _incoming(Transfer, request).get(pk=pk)  # one sent to another office is a 404, whatever the body
        data = (ReasonInput if self.accept else DeclineReasonInput)(data=request.data)
        data.is_valid(raise_exception=True)
        transfer = cooperation.transfer_answer(
            transfer_id=pk,
            actor=acting_user(request),
            accept=self.accept,
            reason=data.validated_data["reason"],
        )
        return Response(TransferOutput(transfer).data)


class TransferAcceptApi(_TransferAnswerApi):
    """Take over the case of a transfer sent to this office: the case moves into its docket."""

    @extend_schema(request=ReasonInput, responses={200: TransferOutput}, parameters=[IDEMPOTENCY_HEADER])
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        return self.answer(request, pk)


class TransferDeclineApi(_TransferAnswerApi):
    """Decline a transfer sent to this office, with reasons; the case stays where it is."""

    accept = False

    @extend_schema(
        request=DeclineReasonInput, responses={200: TransferOutput}, parameters=[IDEMPOTENCY_HEADER]
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        return self.answer(request, pk)


class AssistanceAnswerInput(serializers.Serializer):
    answer = StrictCharField(max_length=20_000, help_text="The answer, or the reasons for declining.")


class _AssistanceAnswerApi(APIView):
    permission_classes = [IsOffice]
    declined = False

    def answer(self, request: Request, pk: int) -> Response:
        _incoming(AssistanceRequest, request).get(pk=pk)  # one sent to another office is a 404
        data = AssistanceAnswerInput(data=request.data)
        data.is_valid(raise_exception=True)
        assistance = cooperation.assistance_answer(
            request_id=pk,
            actor=acting_user(request),
            answer=data.validated_data["answer"],
            declined=self.declined,
        )
        return Response(AssistanceOutput(assistance).data)


class AssistanceAnswerApi(_AssistanceAnswerApi):
    """Answer a request for assistance sent to this office; the asking office sees it on the case."""

    @extend_schema(
        request=AssistanceAnswerInput, responses={200: AssistanceOutput}, parameters=[IDEMPOTENCY_HEADER]
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        return self.answer(request, pk)


class AssistanceDeclineApi(_AssistanceAnswerApi):
    """Decline a request for assistance sent to this office; the answer gives the reasons."""

    declined = True

    @extend_schema(
        request=AssistanceAnswerInput, responses={200: AssistanceOutput}, parameters=[IDEMPOTENCY_HEADER]
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        return self.answer(request, pk)
