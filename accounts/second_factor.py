"""One second-factor policy for every way in: the login page, the admin, the API token endpoint and the
token page all ask `second_factor_required` and accept the same TOTP codes."""

import django_otp
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device

from accounts.models import OrgKind, User
from accounts.selectors import user_is_of_kind

SETUP_REQUIRED = _(
    "This account must use two-factor authentication: set it up in the browser first "
    "(sign in, then follow the two-factor page)."
)
CODE_REQUIRED = _("Two-factor authentication is on for this account: enter the 6-digit code from your app.")
CODE_WRONG = _("This code is not valid. Check your device's clock and enter the current code.")


def second_factor_required_by_role(user: User | AnonymousUser) -> bool:
    """Officials must use a second factor when IPRGOV_REQUIRE_2FA_FOR_OFFICIALS is on; operators (staff
    and superusers) whenever DEBUG is off. Decided without a query."""
    if not user.is_authenticated:
        return False
    if (user.is_staff or user.is_superuser) and not settings.DEBUG:
        return True
    return bool(settings.IPRGOV_REQUIRE_2FA_FOR_OFFICIALS) and user_is_of_kind(user, OrgKind.OFFICE)


def second_factor_required(user: User | AnonymousUser) -> bool:
    """The role requires a second factor, or the user has a confirmed device (then it is always used)."""
    if second_factor_required_by_role(user):
        return True
    return isinstance(user, User) and django_otp.user_has_device(user, confirmed=True)


def session_verified(user: User | AnonymousUser) -> bool:
    """The browser session was verified with a code (django_otp's OTPMiddleware sets `is_verified` on the
    session's user); a user authenticated some other way, by an API token for one, never is."""
    return bool(getattr(user, "is_verified", lambda: False)())


def second_factor_check(user: User, code: str) -> Device | None:
    """The device that `code` is a current code of, for a user who must use a second factor.

    Raises ValueError with the reason a person can read: no device set up yet, no code, a wrong code.
    Returns None when the user need not use one.
    """
    if not second_factor_required(user):
        return None
    if not django_otp.user_has_device(user, confirmed=True):
        raise ValueError(str(SETUP_REQUIRED))
    if not code.strip():
        raise ValueError(str(CODE_REQUIRED))
    device = django_otp.match_token(user, code.strip())
    if device is None:
        raise ValueError(str(CODE_WRONG))
    return device
