"""Platform API: decide listings of a case (take down or reject, with a statement of reasons)."""

from typing import cast

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from cases.selectors import case_get
from cases.services.decisions import listing_decide
from iprgov.api import IDEMPOTENCY_HEADER, IsPlatform, idempotent
from platform_console.api import serializers as s
from platforms.statements import StatementParts


class ListingDecisionCreateApi(APIView):
    """Decide pending listings of a case on the platform; the case is decided when none is left pending."""

    permission_classes = [IsPlatform]

    @extend_schema(
        request=s.ListingDecisionInput,
        responses={201: s.ListingDecisionOutput(many=True)},
        parameters=[IDEMPOTENCY_HEADER],
    )
    @idempotent
    def post(self, request: Request, pk: int) -> Response:
        user = cast(User, request.user)
        case_get(user=user, case_id=pk)
        data = s.ListingDecisionInput(data=request.data)
        data.is_valid(raise_exception=True)
        decisions = listing_decide(
            case_id=pk,
            listing_ids=data.validated_data["listings"],
            actor=user,
            action=data.validated_data["action"],
            reason_code=data.validated_data["reason_code"],
            statement=StatementParts(
                measure_scope=data.validated_data["measure_scope"],
                facts=data.validated_data["statement"],
                legal_ground=data.validated_data["legal_ground"],
                automated_means=data.validated_data["automated_means"],
                redress=data.validated_data["redress"],
            ),
        )
        return Response(s.ListingDecisionOutput(decisions, many=True).data, status=status.HTTP_201_CREATED)
