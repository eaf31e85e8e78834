"""API token writes: make one (its key returned once, only the key's SHA-256 kept), rotate, revoke, mark used."""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import ApiToken, User, api_key_digest
from accounts.selectors import api_tokens_of
from audit.services import audit_record

KEY_BYTES = 32
PREFIX_LENGTH = 8
# Recording every call would cost a write per call; "last used" to the minute is what its owner needs.
LAST_USED_PRECISION = timedelta(minutes=1)


@dataclass(frozen=True)
class IssuedToken:
    """A token just made, with its key: the only moment the key exists on the server."""

    token: ApiToken
    key: str


@transaction.atomic
def api_token_create(*, user: User, name: str) -> IssuedToken:
    """Make a token that works for IPRGOV_API_TOKEN_TTL_DAYS. The caller has applied the second-factor policy."""
    key = secrets.token_urlsafe(KEY_BYTES)
    now = timezone.now()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=key[:PREFIX_LENGTH],
        digest=api_key_digest(key),
        created_at=now,
        expires_at=now + timedelta(days=settings.IPRGOV_API_TOKEN_TTL_DAYS),
    )
    audit_record(actor=user, subject=token, action="api_token_created", note=str(token))
    return IssuedToken(token=token, key=key)


@transaction.atomic
def api_token_revoke(*, user: User, token_id: int) -> ApiToken:
    """Revoke one of the user's own tokens: it stops working at once.

    Raises ApiToken.DoesNotExist for another user's token and for one already revoked.
    """
    token = api_tokens_of(user=user).select_for_update().get(pk=token_id)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(actor=user, subject=token, action="api_token_revoked", note=str(token))
    return token


@transaction.atomic
def api_token_rotate(*, user: User, token_id: int) -> IssuedToken:
    """Revoke one of the user's tokens and make one of the same name in its place, with a new expiry."""
    revoked = api_token_revoke(user=user, token_id=token_id)
    return api_token_create(user=user, name=revoked.name)


def api_token_used(*, token: ApiToken) -> None:
    """Note that the token was just used (at most one write per token and LAST_USED_PRECISION)."""
    now = timezone.now()
    if token.last_used_at is None or token.last_used_at <= now - LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
