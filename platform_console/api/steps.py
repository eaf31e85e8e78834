"""The platform's steps on its cases besides deciding listings: ask the complainant for information, forward
counter-notices (one case or many), decide many cases alike, confirm it executed an office's decision; and
its stores' contacts. Each calls the service the platform console calls."""

from typing import Any

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from cases.models import InformationRequest
from cases.services.administrative import execution_confirm
from cases.services.decisions import cases_decide_bulk, information_request
from cases.services.notice_and_takedown import counter_notice_forward, counter_notices_forward_bulk
from iprgov.api import IDEMPOTENCY_HEADER, FirstRendererNegotiation, IsPlatform, idempotent
from iprgov.api_actions import CaseStepApi
from iprgov.api_fields import StrictCharField, StrictEmailField, StrictIdField
from iprgov.api_uploads import api_download
from iprgov.http import acting_user
from platform_console.api.serializers import ListingDecisionInput
from platform_console.selectors import counter_notice_evidence_get, store_history
from platforms.models import Store
from platforms.statements import StatementParts
from platforms.stores import store_contact_set
from regions.models import Region

MAX_CASES = 1_000


class InformationRequestInput(serializers.Serializer):
    question = StrictCharField(max_length=20_000, help_text="What the complainant must supply.")


class InformationRequestOutput(serializers.ModelSerializer):
    class Meta:
        model = InformationRequest
        fields = ["id", "case", "question", "due_on", "answer", "requested_at", "answered_at"]
        read_only_fields = fields


class InformationRequestApi(CaseStepApi):
    """Ask the complainant for information before deciding; the case waits for the answer until its due date."""

    permission_classes = [IsPlatform]
    input_class = InformationRequestInput
    output_class = InformationRequestOutput
    created = True

    def perform(self, *, user: User, case_id: int, data: dict[str, Any]) -> Any:
        return information_request(case_id=case_id, actor=user, question=data["question"])


class CounterNoticeForwardApi(CaseStepApi):
    """Forward the respondent's counter-notice to the complainant; the complainant's window opens."""

    permission_classes = [IsPlatform]

    def perform(self, *, user: User, case_id: int, data: dict[str, Any]) -> Any:
        return counter_notice_forward(case_id=case_id, actor=user)


class ExecutionConfirmInput(serializers.Serializer):
    note = StrictCharField(max_length=5_000, required=False, allow_blank=True, default="")


class ExecutionConfirmApi(CaseStepApi):
    """Confirm that the office's decision was executed (every listing decided as it orders); the case closes."""

    permission_classes = [IsPlatform]
    input_class = ExecutionConfirmInput

    def perform(self, *, user: User, case_id: int, data: dict[str, Any]) -> Any:
        return execution_confirm(case_id=case_id, actor=user, note=data["note"])


# Many cases at once ---------------------------------------------------------------------------------


class CasesInput(serializers.Serializer):
    cases = serializers.ListField(child=StrictIdField(), allow_empty=False, max_length=MAX_CASES)


class BulkDecisionInput(ListingDecisionInput):
    """A decision for every pending listing of each case (the listings are not named)."""

    listings = None  # type: ignore[assignment]
    cases = serializers.ListField(child=StrictIdField(), allow_empty=False, max_length=MAX_CASES)


class RefusalOutput(serializers.Serializer):
    case = serializers.IntegerField()
    message = serializers.CharField(help_text="Why this case was not done, in the caller's language.")


class BulkOutcomeOutput(serializers.Serializer):
    done = serializers.ListField(child=serializers.IntegerField(), help_text="The cases done.")
    refused = RefusalOutput(many=True, help_text="Each case refused, on its own: the others are done.")


def _outcome(case_ids: list[int], refusals: dict[int, str]) -> Response:
    return Response(
        BulkOutcomeOutput(
            {
                "done": [pk for pk in dict.fromkeys(case_ids) if pk not in refusals],
                "refused": [{"case": pk, "message": message} for pk, message in refusals.items()],
            }
        ).data
    )


class CounterNoticesForwardBulkApi(APIView):
    """Forward the counter-notices of many cases; each case on its own, the refused ones are listed."""

    permission_classes = [IsPlatform]

    @extend_schema(request=CasesInput, responses={200: BulkOutcomeOutput}, parameters=[IDEMPOTENCY_HEADER])
    @idempotent
    def post(self, request: Request) -> Response:
        data = CasesInput(data=request.data)
        data.is_valid(raise_exception=True)
        cases = data.validated_data["cases"]
        return _outcome(cases, counter_notices_forward_bulk(case_ids=cases, actor=acting_user(request)))


class CasesDecideBulkApi(APIView):
    """Decide every pending listing of many cases alike; each case on its own, the refused ones are listed."""

    permission_classes = [IsPlatform]

    @extend_schema(
        request=BulkDecisionInput,
        responses={200: BulkOutcomeOutput},
        parameters=[IDEMPOTENCY_HEADER],
        operation_id="cases_decide_bulk",
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = BulkDecisionInput(data=request.data)
        data.is_valid(raise_exception=True)
        given = data.validated_data
        refusals = cases_decide_bulk(
            case_ids=given["cases"],
            actor=acting_user(request),
            action=given["action"],
            reason_code=given["reason_code"],
            statement=StatementParts(
                measure_scope=given["measure_scope"],
                facts=given["statement"],
                legal_ground=given["legal_ground"],
                automated_means=given["automated_means"],
                redress=given["redress"],
            ),
        )
        return _outcome(given["cases"], refusals)


# Stores ---------------------------------------------------------------------------------------------


class StoreDetailOutput(serializers.ModelSerializer):
    contact_email = serializers.CharField(help_text="Empty while the platform has set none.")
    region: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )

    class Meta:
        model = Store
        fields = ["id", "external_id", "name", "contact_email", "language", "region", "standing"]
        read_only_fields = fields


class StoreContactInput(serializers.ModelSerializer):
    # As on the store's page: an empty value clears it (the respondent is then not emailed).
    contact_email = StrictEmailField(max_length=254, required=False, allow_blank=True, default="")
    language = serializers.ChoiceField(
        choices=settings.LANGUAGES, required=False, allow_blank=True, default=""
    )
    region: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", queryset=Region.objects.all(), allow_null=True, required=False, default=None
    )

    class Meta:
        model = Store
        fields = ["contact_email", "language", "region"]


class StoreDetailApi(APIView):
    """A store on the platform: how the respondent is reached, and its standing."""

    permission_classes = [IsPlatform]

    @extend_schema(responses={200: StoreDetailOutput})
    def get(self, request: Request, pk: int) -> Response:
        return Response(
            StoreDetailOutput(store_history(user=acting_user(request), store_id=pk)["store"]).data
        )


class StoreContactApi(APIView):
    """Set the store's contact email, language and region: the respondent's emails go there."""

    permission_classes = [IsPlatform]

    @extend_schema(
        request=StoreContactInput, responses={200: StoreDetailOutput}, parameters=[IDEMPOTENCY_HEADER]
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        store_history(user=acting_user(request), store_id=pk)  # another platform's store is a 404
        data = StoreContactInput(data=request.data)
        data.is_valid(raise_exception=True)
        store = store_contact_set(actor=acting_user(request), store_id=pk, **data.validated_data)
        return Response(StoreDetailOutput(store).data)


class CounterNoticeEvidenceFileApi(APIView):
    """A file of a counter-notice, to the platform, complainant or office that sees its case."""

    content_negotiation_class = FirstRendererNegotiation

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request: Request, pk: int) -> Any:
        evidence = counter_notice_evidence_get(user=acting_user(request), evidence_id=pk)
        return api_download(evidence.file, evidence.original_name)
