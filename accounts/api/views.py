"""API tokens: obtained with username and password, listed, made, rotated and revoked by their owner.

Every way to a new token applies the one second-factor policy (accounts.second_factor): the current code in
`otp_code`, unless the call comes from a browser session that was verified with a code. A response that
carries a key is never stored (no Idempotency-Key replay), so the key exists only in that one response.
"""

from typing import Any

from django.contrib.auth import authenticate
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api import serializers as s
from accounts.api.lockout import SignInLockedOut
from accounts.lockout import sign_in_locked_out
from accounts.models import ApiToken, User
from accounts.second_factor import second_factor_check, session_verified
from accounts.selectors import api_tokens_of
from accounts.services_tokens import IssuedToken, api_token_create, api_token_revoke, api_token_rotate
from iprgov.http import acting_user
from iprgov.throttling import AnonRateThrottle


def _second_factor(user: User, code: str) -> None:
    """No new token without the code when the user must use a second factor (a verified session has given it)."""
    if session_verified(user):
        return
    try:
        second_factor_check(user, code)
    except ValueError as refused:
        raise exceptions.ValidationError(
            {"otp_code": [exceptions.ErrorDetail(str(refused), code="two_factor_required")]}
        ) from refused


def _issued(issued: IssuedToken, *, status_code: int = status.HTTP_200_OK) -> Response:
    return Response(
        s.IssuedTokenOutput(issued.token, context={"key": issued.key}).data,
        status=status_code,
        headers={"Cache-Control": "no-store"},
    )


class TokenObtainApi(APIView):
    """Exchange a username and password (and the current TOTP code, for a user who must use a second factor)
    for a new API token. Each call makes a new token; keep it rather than asking for one on every run."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [AnonRateThrottle]

    def get_authenticate_header(self, request: Request) -> str:
        # Wrong credentials are a 401, as for a wrong token (DRF makes it a 403 where no authenticator answers).
        return "Token"

    @extend_schema(request=s.TokenInput, responses={200: s.IssuedTokenOutput}, auth=[])
    def post(self, request: Request) -> Response:
        data = s.TokenInput(data=request.data)
        data.is_valid(raise_exception=True)
        code = data.validated_data.pop("otp_code")
        name = data.validated_data.pop("name")
        user = authenticate(request._request, **data.validated_data)
        if user is None and sign_in_locked_out(request._request):
            raise SignInLockedOut()
        if user is None or not user.is_active:
            raise exceptions.AuthenticationFailed(
                exceptions.ErrorDetail("The username or password is not right.", code="invalid_credentials")
            )
        _second_factor(user, code)
        return _issued(api_token_create(user=user, name=name))


class TokenRotateApi(APIView):
    """Replace the token this call is made with: it stops working at once, and a new token of the same name
    takes its place (with a new expiry)."""

    @extend_schema(request=s.SecondFactorInput, responses={200: s.IssuedTokenOutput})
    def post(self, request: Request) -> Response:
        if not isinstance(request.auth, ApiToken):
            raise exceptions.ValidationError(
                exceptions.ErrorDetail(
                    "Only a call made with a token can rotate it; make a new token at /api/v1/auth/tokens/.",
                    code="token_required",
                )
            )
        data = s.SecondFactorInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = acting_user(request)
        _second_factor(user, data.validated_data["otp_code"])
        return _issued(api_token_rotate(user=user, token_id=request.auth.pk))


class ApiTokenListCreateApi(generics.ListAPIView):
    """The caller's tokens that were not revoked, newest first (GET); make a token (POST)."""

    serializer_class = s.ApiTokenOutput
    queryset = ApiToken.objects.none()  # for the schema; get_queryset scopes

    def get_queryset(self) -> Any:
        return api_tokens_of(user=acting_user(self.request))

    @extend_schema(request=s.ApiTokenCreateInput, responses={201: s.IssuedTokenOutput})
    def post(self, request: Request) -> Response:
        """Make a token; its key is shown in this response only."""
        data = s.ApiTokenCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = acting_user(request)
        _second_factor(user, data.validated_data["otp_code"])
        issued = api_token_create(user=user, name=data.validated_data["name"])
        return _issued(issued, status_code=status.HTTP_201_CREATED)


class ApiTokenRevokeApi(APIView):
    """Revoke one of the caller's tokens (the one this call is made with included): it stops working at once.
    Another user's token, or one already revoked, is a 404."""

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        api_token_revoke(user=acting_user(request), token_id=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)
