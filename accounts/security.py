"""The second factor required by role: a user who must use one gets no page or API call with a session until
a code was verified in it (accounts.second_factor says who must). Sign-in lockout: accounts.lockout."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from accounts.second_factor import CODE_REQUIRED, second_factor_required_by_role, session_verified

# Paths an official without verified two-factor authentication may still reach: the page that sets
# it up or verifies it, logging out, the language switch, public pages and static assets.
_TWO_FACTOR_EXEMPT = ("accounts:two_factor", "accounts:logout", "accounts:login", "set_language")
_TWO_FACTOR_EXEMPT_PREFIXES = ("/static/", "/transparency/", "/i18n/")


def redirect_to_two_factor(request: HttpRequest) -> HttpResponse:
    """To the page that sets up or asks for the code, and back to this page afterwards."""
    target = reverse("accounts:two_factor")
    return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")


class TwoFactorRequiredMiddleware:
    """A user who must use a second factor (accounts.second_factor) must verify a code in this session.

    Runs after django_otp's OTPMiddleware (which sets `request.user.is_verified()`). Unverified
    officials are sent to the two-factor page (setup on first use, a code afterwards); API calls
    made with the session get a 403.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._must_verify(request):
            if request.path.startswith("/api/v1/"):  # the API answers in JSON; the token page is a page
                error = {"field": None, "code": "two_factor_required", "message": str(CODE_REQUIRED)}
                return JsonResponse({"errors": [error]}, status=403)
            return redirect_to_two_factor(request)
        return self.get_response(request)

    @staticmethod
    def _must_verify(request: HttpRequest) -> bool:
        # By role only, so that no page pays a query for it: a user with a device of their own cannot get
        # a session without its code in the first place (the login page, and the two-factor page that
        # confirms a new device, verify the session); the admin and the token endpoint check the device.
        user = getattr(request, "user", None)
        if user is None or not second_factor_required_by_role(user):
            return False
        if session_verified(user):
            return False
        if request.path.startswith(_TWO_FACTOR_EXEMPT_PREFIXES):
            return False
        exempt = {reverse(name) for name in _TWO_FACTOR_EXEMPT}
        return request.path not in exempt
