from accounts.models import OrgKind, Organisation, User


def organisation_of(user: User) -> Organisation | None:
    """The organisation a signed-in user acts for; None for anonymous users and users without one."""
    if not user.is_authenticated:
        return None
    return user.organisation


def user_is_of_kind(user: User, kind: OrgKind) -> bool:
    org = organisation_of(user)
    return org is not None and org.kind == kind
