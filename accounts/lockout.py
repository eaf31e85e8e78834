"""Sign-in lockout (django-axes, counted in the database so that every web process sees the same count).

After IPRGOV_LOGIN_MAX_FAILURES failed sign-ins of one account (from any address), or
IPRGOV_LOGIN_MAX_FAILURES_PER_IP from one address (to any account; 0: no limit per address), sign-in
is refused even with the right password until IPRGOV_LOGIN_LOCKOUT_SECONDS have passed since the
last counted failure. axes' authentication backend refuses before the password is checked, so the
login page (which is also the admin's login), the API's token endpoint and any other caller of
`authenticate()` are covered; each must pass the request, which axes reads the address from.
Operators see and clear lockouts in the admin (Axes, Access attempts).
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

LOCKED_OUT = _("Too many failed attempts to log in. Wait %(minutes)d minutes and try again.")


def lockout_minutes() -> int:
    return max(1, settings.IPRGOV_LOGIN_LOCKOUT_SECONDS // 60)


def locked_out_message() -> str:
    return str(LOCKED_OUT) % {"minutes": lockout_minutes()}


def sign_in_locked_out(request: HttpRequest | None) -> bool:
    """Whether the `authenticate()` just made with this request failed for a lockout: it was refused while
    locked out, or its failure was the last one allowed. The caller says so, not "wrong password"."""
    return bool(getattr(request, "axes_locked_out", False))


class AccountAndAddressLimits(AxesDatabaseHandler):
    """axes' database handler with a limit of its own for one address, besides the one for one account.

    Failures are recorded per account, address and user agent (axes' AccessAttempt rows); the account's
    count adds its rows from every address, the address's count its rows for every account.
    """

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """The failures that axes compares with AXES_FAILURE_LIMIT (the per-account limit) to lock out.

        axes has one limit for all its lockout parameters. This is the account's failures or, when the
        address is nearer its own limit, the per-account limit less the failures the address has left,
        so that it reaches AXES_FAILURE_LIMIT exactly when the first of the two limits is reached.
        """
        account_limit = get_failure_limit(request, credentials)
        by_account = self._failures(request, username=get_client_username(request, credentials))
        address_limit = settings.IPRGOV_LOGIN_MAX_FAILURES_PER_IP
        address = getattr(request, "axes_ip_address", None)
        if address_limit <= 0 or not address:
            return by_account
        by_address = self._failures(request, ip_address=address)
        return max(by_account, account_limit - (address_limit - by_address))

    def reset_user_attempts(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """A successful sign-in clears the failures of that account only: the address keeps its count, or
        signing in to an account of one's own would clear the failures made against everyone else's."""
        username = get_client_username(request, credentials)
        deleted, _by_model = AccessAttempt.objects.filter(username=username).delete()
        return deleted

    @staticmethod
    def _failures(request: HttpRequest, **lookup: str | None) -> int:
        recent = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request), **lookup)
        return recent.aggregate(failures=Sum("failures_since_start"))["failures"] or 0
