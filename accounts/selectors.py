from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from accounts.models import ApiToken, Organisation, OrgKind, User, api_key_digest


def organisation_of(user: User | AnonymousUser) -> Organisation | None:
    """The organisation a signed-in user acts for; None for anonymous users and users without one."""
    if not user.is_authenticated:
        return None
    return user.organisation


def user_is_of_kind(user: User | AnonymousUser, kind: OrgKind) -> bool:
    org = organisation_of(user)
    return org is not None and org.kind == kind


def api_tokens_of(*, user: User) -> QuerySet[ApiToken]:
    """The user's own tokens that were not revoked (expired ones included, until their owner revokes them)."""
    return ApiToken.objects.filter(user=user, revoked_at=None)


def api_token_by_key(key: str) -> ApiToken | None:
    """The token a key was issued for, whatever its state, with its user and the user's membership and
    organisation (which every API view reads to scope its work): one query per request, not three."""
    return (
        ApiToken.objects.select_related("user__membership__organisation")
        .filter(digest=api_key_digest(key))
        .first()
    )
