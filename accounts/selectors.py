from accounts.models import Organisation, OrgKind, User


def organisation_of(user: User) -> Organisation | None:
    """The organisation a signed-in user acts for; None for anonymous users and users without one."""
    if not user.is_authenticated:
        return None
    return user.organisation


def user_is_of_kind(user: User, kind: OrgKind) -> bool:
    org = organisation_of(user)
    return org is not None and org.kind == kind
