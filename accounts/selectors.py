from django.contrib.auth.models import AnonymousUser

from accounts.models import Organisation, OrgKind, User


def organisation_of(user: User | AnonymousUser) -> Organisation | None:
    """The organisation a signed-in user acts for; None for anonymous users and users without one."""
    if not user.is_authenticated:
        return None
    return user.organisation


def user_is_of_kind(user: User | AnonymousUser, kind: OrgKind) -> bool:
    org = organisation_of(user)
    return org is not None and org.kind == kind
