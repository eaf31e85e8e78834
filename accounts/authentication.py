"""REST API authentication by `Authorization: Token <key>`, checked against the hashed keys of accounts.ApiToken.

A key never issued, a revoked token and an expired one are each refused with a 401 whose error code says
which (`token_invalid`, `token_revoked`, `token_expired`), so that a script can tell its owner what to do.
"""

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from accounts.models import ApiToken, User
from accounts.selectors import api_token_by_key
from accounts.services_tokens import api_token_used


class ApiTokenAuthentication(TokenAuthentication):
    """DRF's parsing of the header (and its 401 with `WWW-Authenticate: Token`), with tokens that are hashed,
    expire and can be revoked."""

    def authenticate_credentials(self, key: str) -> tuple[User, ApiToken]:
        token = api_token_by_key(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("This token is not valid."), code="token_invalid")
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(
                _("This token was revoked. Use another token, or make a new one."), code="token_revoked"
            )
        if token.is_expired:
            raise exceptions.AuthenticationFailed(
                _("This token expired. Make a new one on the token page or at /api/v1/auth/token/."),
                code="token_expired",
            )
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("This account is disabled."), code="account_disabled")
        api_token_used(token=token)
        return token.user, token
