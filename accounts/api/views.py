"""API tokens: one per user, obtained with username and password, rotated on demand."""

from typing import cast

from django.contrib.auth import authenticate
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from accounts.api import serializers as s
from accounts.models import User
from accounts.second_factor import second_factor_check
from accounts.services_tokens import token_for, token_rotate


def _out(user: User, token: Token) -> dict:
    org = user.organisation
    return {
        "token": token.key,
        "username": user.get_username(),
        "organisation": org.name if org else None,
        "organisation_kind": org.kind if org else None,
    }


class TokenObtainApi(APIView):
    """Exchange a username and password (and the current TOTP code, for a user who must use a second factor)
    for the user's API token (the same token until it is rotated)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [AnonRateThrottle]

    def get_authenticate_header(self, request: Request) -> str:
        # Wrong credentials are a 401, as for a wrong token (DRF makes it a 403 where no authenticator answers).
        return "Token"

    @extend_schema(request=s.TokenInput, responses={200: s.TokenOutput}, auth=[])
    def post(self, request: Request) -> Response:
        data = s.TokenInput(data=request.data)
        data.is_valid(raise_exception=True)
        code = data.validated_data.pop("otp_code", "")
        user = authenticate(request._request, **data.validated_data)
        if user is None or not user.is_active:
            raise exceptions.AuthenticationFailed(
                exceptions.ErrorDetail("The username or password is not right.", code="invalid_credentials")
            )
        try:
            second_factor_check(user, code)
        except ValueError as refused:
            # The same rule as the login page: no token without the code when a second factor is required.
            raise exceptions.ValidationError(
                {"otp_code": [exceptions.ErrorDetail(str(refused), code="two_factor_required")]}
            ) from refused
        return Response(_out(user, token_for(user=user)))


class TokenRotateApi(APIView):
    """Replace the caller's token with a new one; the old token stops working at once."""

    @extend_schema(request=None, responses={200: s.TokenOutput})
    def post(self, request: Request) -> Response:
        user = cast(User, request.user)
        return Response(_out(user, token_rotate(user=user)))
