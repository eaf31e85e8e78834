"""Referrals to law enforcement over the API: a platform or an office refers (several cases, or one from
its case), lists and reads its referrals; the authority lists and reads those made to it, acknowledges
receipt, reports outcomes and downloads the clue package. Each calls the service the pages call."""

from typing import Any, cast

from django.http import QueryDict
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiRequest, extend_schema
from rest_framework import generics, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import OrgKind
from iprgov.api import (
    IDEMPOTENCY_HEADER,
    FirstRendererNegotiation,
    IsPlatformOrOffice,
    OrgKindPermission,
    idempotent,
)
from iprgov.api_actions import CaseStepApi
from iprgov.api_uploads import DOCUMENT_ENCODING, api_download
from iprgov.http import acting_user
from law_enforcement.api import serializers as s
from law_enforcement.selectors import authorities_for_referral, referral_get, referrals_visible_to
from law_enforcement.services.referrals import (
    referral_acknowledge,
    referral_make,
    referral_outcome_record,
)


class IsReferralParty(OrgKindPermission):
    kinds = (OrgKind.PLATFORM, OrgKind.OFFICE, OrgKind.LAW_ENFORCEMENT)


class IsAuthority(OrgKindPermission):
    kinds = (OrgKind.LAW_ENFORCEMENT,)


def _detail(request: Request, pk: int) -> Any:
    return s.ReferralOutput(referral_get(user=acting_user(request), referral_id=pk)).data


class AuthorityListApi(generics.ListAPIView):
    """The law-enforcement authorities a referral can go to, with the regions (codes) each serves."""

    permission_classes = [IsPlatformOrOffice]
    serializer_class = s.AuthorityOutput

    def get_queryset(self) -> Any:
        return authorities_for_referral()


class ReferralListCreateApi(generics.ListAPIView):
    """GET: the referrals the organisation made (a platform, an office) or received (an authority), newest
    first. POST: refer cases of the platform or office to an authority, with the clue package."""

    permission_classes = [IsReferralParty]
    serializer_class = s.ReferralOutput

    def get_queryset(self) -> Any:
        return referrals_visible_to(acting_user(self.request)).prefetch_related(
            "cases", "outcomes", "authority__regions"
        )

    @extend_schema(
        request=s.ReferralInput, responses={201: s.ReferralOutput}, parameters=[IDEMPOTENCY_HEADER]
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = s.ReferralInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        referral = referral_make(
            actor=acting_user(request),
            authority_id=values["authority"],
            reason=values["reason"],
            case_ids=values["cases"],
        )
        return Response(_detail(request, referral.pk), status=status.HTTP_201_CREATED)


class CaseReferralApi(CaseStepApi):
    """Refer this one case to a law-enforcement authority (POST /api/v1/law-enforcement-referrals/ refers
    several)."""

    permission_classes = [IsPlatformOrOffice]
    input_class = s.CaseReferralInput
    output_class = s.ReferralOutput
    created = True

    def perform(self, *, user: Any, case_id: int, data: dict[str, Any]) -> Any:
        referral = referral_make(
            actor=user, authority_id=data["authority"], reason=data["reason"], case_ids=[case_id]
        )
        return referral_get(user=user, referral_id=referral.pk)


class ReferralDetailApi(APIView):
    """One referral: its cases, the package's SHA-256 and every outcome reported."""

    permission_classes = [IsReferralParty]

    @extend_schema(responses={200: s.ReferralOutput})
    def get(self, request: Request, pk: int) -> Response:
        return Response(_detail(request, pk))


class ReferralAcknowledgeApi(APIView):
    """The authority acknowledges receipt (once: again is a 409)."""

    permission_classes = [IsAuthority]

    @extend_schema(request=None, responses={200: s.ReferralOutput}, parameters=[IDEMPOTENCY_HEADER])
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        referral_acknowledge(referral_id=pk, actor=acting_user(request))
        return Response(_detail(request, pk))


class ReferralOutcomeApi(APIView):
    """The authority reports an outcome (multipart or JSON; `file` optional). After the acknowledgement;
    an investigation once; goods seized any number of times; closing is the last (else a 409)."""

    permission_classes = [IsAuthority]
    parser_classes = [MultiPartParser, *APIView.parser_classes]

    @extend_schema(
        request={
            "multipart/form-data": OpenApiRequest(s.OutcomeInput, encoding={"file": DOCUMENT_ENCODING}),
            "application/json": s.OutcomeInput,
        },
        responses={201: s.OutcomeOutput},
        parameters=[IDEMPOTENCY_HEADER],
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        referral_get(user=acting_user(request), referral_id=pk)  # another authority's referral is a 404
        given = cast(QueryDict, request.data)
        data = s.OutcomeInput(
            data={key: given.get(key) for key in ("kind", "note", "file") if given.get(key) is not None}
        )
        data.is_valid(raise_exception=True)
        values = data.validated_data
        outcome = referral_outcome_record(
            referral_id=pk,
            actor=acting_user(request),
            kind=values["kind"],
            note=values["note"],
            file=values.get("file"),
        )
        return Response(s.OutcomeOutput(outcome).data, status=status.HTTP_201_CREATED)


class ReferralPackageApi(APIView):
    """The clue package (ZIP with manifest.json and SHA256SUMS), checked against its SHA-256 before it is
    served (a 409 if the stored file was altered)."""

    permission_classes = [IsReferralParty]
    content_negotiation_class = FirstRendererNegotiation

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request: Request, pk: int) -> Any:
        referral = referral_get(user=acting_user(request), referral_id=pk)
        return api_download(referral.package, f"referral-{referral.pk}-clue-package.zip")
