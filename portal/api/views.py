"""Rightsholder API: rights, complaints (draft, listings, evidence, submit, withdraw) and bulk uploads."""

from typing import Any

from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiRequest, extend_schema
from rest_framework import generics, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.services import withdrawal
from complaints import bulk_uploads, services
from complaints.models import BulkUploadRowError, Listing
from iprgov.api import (
    IDEMPOTENCY_HEADER,
    CursorPageByRow,
    CursorPageInOrder,
    FirstRendererNegotiation,
    IsRightsholder,
    idempotent,
)
from iprgov.api_uploads import DOCUMENT_ENCODING
from iprgov.http import acting_user
from portal import selectors
from portal.api import serializers as s


def _complaint_out(request: Request, complaint_id: int) -> dict:
    complaint = (
        selectors.complaint_list_for_holder(user=acting_user(request))
        .prefetch_related("evidence")
        .get(pk=complaint_id)
    )
    return s.ComplaintOutput(complaint).data


class RightListCreateApi(generics.ListAPIView):
    """The organisation's IP rights (GET); register a right with its certificate (POST, multipart)."""

    permission_classes = [IsRightsholder]
    serializer_class = s.RightOutput
    parser_classes = [MultiPartParser]

    def get_queryset(self) -> Any:
        return selectors.right_list_for_holder(user=acting_user(self.request))

    @extend_schema(
        request=OpenApiRequest(
            s.RightInput,
            encoding={"certificate": DOCUMENT_ENCODING, "evaluation_report": DOCUMENT_ENCODING},
        ),
        responses={201: s.RightOutput},
        parameters=[IDEMPOTENCY_HEADER],
    )
    @idempotent
    def post(self, request: Request) -> Response:
        """Register a right with its certificate (multipart); it awaits verification."""
        data = s.RightInput(data=request.data)
        data.is_valid(raise_exception=True)
        right = services.ip_right_register(actor=acting_user(request), **data.validated_data)
        return Response(s.RightOutput(right).data, status=status.HTTP_201_CREATED)


class RightDetailApi(generics.RetrieveAPIView):
    """One of the organisation's IP rights, with its verification status."""

    permission_classes = [IsRightsholder]
    serializer_class = s.RightOutput

    def get_object(self) -> Any:
        return selectors.right_list_for_holder(user=acting_user(self.request)).get(pk=self.kwargs["pk"])


class ComplaintListCreateApi(generics.ListAPIView):
    """The organisation's complaints (GET); create a draft, optionally with listings (POST)."""

    permission_classes = [IsRightsholder]
    serializer_class = s.ComplaintOutput

    def get_queryset(self) -> Any:
        return selectors.complaint_list_for_holder(user=acting_user(self.request)).prefetch_related(
            "evidence"
        )

    @extend_schema(
        request=s.ComplaintCreateInput, responses={201: s.ComplaintOutput}, parameters=[IDEMPOTENCY_HEADER]
    )
    @idempotent
    def post(self, request: Request) -> Response:
        """Create a draft complaint, optionally with listings."""
        data = s.ComplaintCreateInput(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        complaint = services.complaint_create(actor=acting_user(request), **data.service_arguments())
        return Response(_complaint_out(request, complaint.pk), status=status.HTTP_201_CREATED)


class ComplaintDetailApi(generics.RetrieveAPIView):
    """One of the organisation's complaints: draft or submitted, with its evidence files."""

    permission_classes = [IsRightsholder]
    serializer_class = s.ComplaintOutput

    def get_object(self) -> Any:
        return self.get_queryset().get(pk=self.kwargs["pk"])

    def get_queryset(self) -> Any:
        return selectors.complaint_list_for_holder(user=acting_user(self.request)).prefetch_related(
            "evidence"
        )


class ComplaintListingsApi(generics.ListAPIView):
    """The listings of a complaint (GET); add listings to a draft (POST; repeats are stored once)."""

    permission_classes = [IsRightsholder]
    serializer_class = s.ListingOutput
    queryset = Listing.objects.none()  # for the schema; get_queryset scopes
    pagination_class = CursorPageInOrder

    def get_queryset(self) -> Any:
        complaint = selectors.complaint_get_for_holder(
            user=acting_user(self.request), complaint_id=self.kwargs["pk"]
        )
        return selectors.complaint_listings(complaint=complaint)

    @extend_schema(
        request=s.ListingsInput, responses={201: s.ListingsAddedOutput}, parameters=[IDEMPOTENCY_HEADER]
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        """Add listings to a draft; repeats are stored once."""
        complaint = selectors.complaint_get_for_holder(user=acting_user(request), complaint_id=pk)
        data = s.ListingsInput(data=request.data)
        data.is_valid(raise_exception=True)
        added = services.complaint_add_listings_checked(
            actor=acting_user(request),
            complaint_id=complaint.pk,
            listings=s.ListingItemInput.as_inputs(data.validated_data["listings"]),
        )
        count = selectors.complaint_listings(complaint=complaint).count()
        return Response({"added": added, "listing_count": count}, status=status.HTTP_201_CREATED)


class ComplaintEvidenceAddApi(APIView):
    """Attach evidence files to a draft (multipart, field `files`, repeatable)."""

    permission_classes = [IsRightsholder]
    parser_classes = [MultiPartParser]

    @extend_schema(
        request=OpenApiRequest(s.EvidenceInput, encoding={"files": DOCUMENT_ENCODING}),
        responses={201: s.EvidenceOutput(many=True)},
        parameters=[IDEMPOTENCY_HEADER],
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        complaint = selectors.complaint_get_for_holder(user=acting_user(request), complaint_id=pk)
        data = s.EvidenceInput(data={"files": request.FILES.getlist("files")})
        data.is_valid(raise_exception=True)
        files = services.complaint_add_evidence_checked(
            actor=acting_user(request), complaint_id=complaint.pk, evidence=data.validated_data["files"]
        )
        return Response(s.EvidenceOutput(files, many=True).data, status=status.HTTP_201_CREATED)


class ComplaintSubmitApi(APIView):
    """Submit a draft: it becomes immutable and is split into cases and routed by the worker."""

    permission_classes = [IsRightsholder]

    @extend_schema(request=None, responses={200: s.ComplaintOutput}, parameters=[IDEMPOTENCY_HEADER])
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        # complaint_submit reads the complaint scoped to the actor's organisation (outside it: a 404).
        services.complaint_submit(complaint_id=pk, actor=acting_user(request))
        return Response(_complaint_out(request, pk))


class ComplaintWithdrawApi(APIView):
    """Withdraw a complaint; its open cases are withdrawn with it."""

    permission_classes = [IsRightsholder]

    @extend_schema(
        request=s.WithdrawInput, responses={200: s.ComplaintOutput}, parameters=[IDEMPOTENCY_HEADER]
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        selectors.complaint_get_for_holder(user=acting_user(request), complaint_id=pk)
        data = s.WithdrawInput(data=request.data)
        data.is_valid(raise_exception=True)
        withdrawal.complaint_withdraw(
            complaint_id=pk, actor=acting_user(request), reason=data.validated_data["reason"]
        )
        return Response(_complaint_out(request, pk))


class BulkUploadCreateApi(APIView):
    """Upload a CSV or XLSX of listings to a draft; 202 with the upload to poll. The same file again is
    not read twice: the first upload is returned with 200."""

    permission_classes = [IsRightsholder]
    parser_classes = [MultiPartParser]

    @extend_schema(
        request=OpenApiRequest(s.BulkUploadInput, encoding={"file": s.LISTINGS_FILE_ENCODING}),
        responses={202: s.BulkUploadOutput, 200: s.BulkUploadOutput},
        parameters=[IDEMPOTENCY_HEADER],
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        selectors.complaint_get_for_holder(user=acting_user(request), complaint_id=pk)
        data = s.BulkUploadInput(data=request.data)
        data.is_valid(raise_exception=True)
        upload, created = bulk_uploads.bulk_upload_start(
            actor=acting_user(request), complaint_id=pk, upload=data.validated_data["file"]
        )
        return Response(
            s.BulkUploadOutput(upload).data,
            status=status.HTTP_202_ACCEPTED if created else status.HTTP_200_OK,
        )


class BulkUploadRetryApi(APIView):
    """Start a failed upload again (202 with the upload to poll); it resumes after its last committed batch.
    409 when the upload has not failed or its complaint is no longer a draft."""

    permission_classes = [IsRightsholder]

    @extend_schema(request=None, responses={202: s.BulkUploadOutput}, parameters=[IDEMPOTENCY_HEADER])
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        selectors.bulk_upload_get_for_holder(user=acting_user(request), upload_id=pk)
        upload = bulk_uploads.bulk_upload_retry(actor=acting_user(request), upload_id=pk)
        return Response(s.BulkUploadOutput(upload).data, status=status.HTTP_202_ACCEPTED)


class BulkUploadDetailApi(generics.RetrieveAPIView):
    """Progress of a bulk upload: rows processed of total, good and bad rows, listings added."""

    permission_classes = [IsRightsholder]
    serializer_class = s.BulkUploadOutput

    def get_object(self) -> Any:
        return selectors.bulk_upload_get_for_holder(
            user=acting_user(self.request), upload_id=self.kwargs["pk"]
        )


class BulkUploadErrorListApi(generics.ListAPIView):
    """The refused rows of a bulk upload, in row order."""

    permission_classes = [IsRightsholder]
    serializer_class = s.BulkUploadRowErrorOutput
    queryset = BulkUploadRowError.objects.none()  # for the schema; get_queryset scopes
    pagination_class = CursorPageByRow

    def get_queryset(self) -> Any:
        upload = selectors.bulk_upload_get_for_holder(
            user=acting_user(self.request), upload_id=self.kwargs["pk"]
        )
        return upload.row_errors.all()


class BulkUploadErrorCsvApi(APIView):
    """The refused rows as a CSV file (row, column, code, problem, values as given)."""

    permission_classes = [IsRightsholder]
    # A client asking for text/csv gets the file, and its errors in JSON.
    content_negotiation_class = FirstRendererNegotiation

    @extend_schema(responses={(200, "text/csv"): OpenApiTypes.STR})
    def get(self, request: Request, pk: int) -> StreamingHttpResponse:
        upload = selectors.bulk_upload_get_for_holder(user=acting_user(request), upload_id=pk)
        response = StreamingHttpResponse(
            bulk_uploads.error_report_csv(upload), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="bulk-upload-{upload.pk}-errors.csv"'
        return response
