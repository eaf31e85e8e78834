"""Sign-in protections: failed-login throttling and two-factor authentication required of officials.

Throttling counts failed sign-ins in the cache (shared by every web process when IPRGOV_CACHE_URL
names Redis) per account and per client address. After IPRGOV_LOGIN_MAX_FAILURES failures for an
account, or IPRGOV_LOGIN_MAX_FAILURES_PER_IP from one address, sign-in is refused for
IPRGOV_LOGIN_LOCKOUT_SECONDS, even with the right password. The backend enforces it, so every path
that authenticates (the login page, the admin, the API's token endpoint) is throttled.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from accounts.second_factor import CODE_REQUIRED, second_factor_required_by_role, session_verified

_PREFIX = "iprgov:login-failures"


def client_address(request: HttpRequest | None) -> str:
    """The client's address as the web server saw it (a proxy must set REMOTE_ADDR, not a header)."""
    return (request.META.get("REMOTE_ADDR") or "") if request is not None else ""


def _key(kind: str, value: str) -> str:
    # Hashed: user names and addresses are personal data and cache keys have a restricted alphabet.
    return f"{_PREFIX}:{kind}:{hashlib.sha256(value.strip().lower().encode()).hexdigest()}"


def _keys(username: str | None, request: HttpRequest | None) -> list[tuple[str, int]]:
    keys = []
    if username:
        keys.append((_key("user", username), settings.IPRGOV_LOGIN_MAX_FAILURES))
    address = client_address(request)
    # 0 turns the per-address limit off: behind a proxy that hides client addresses, every user would share one.
    if address and settings.IPRGOV_LOGIN_MAX_FAILURES_PER_IP > 0:
        keys.append((_key("ip", address), settings.IPRGOV_LOGIN_MAX_FAILURES_PER_IP))
    return keys


def login_throttled(username: str | None, request: HttpRequest | None) -> bool:
    return any((cache.get(key) or 0) >= limit for key, limit in _keys(username, request))


def record_failed_login(username: str | None, request: HttpRequest | None) -> None:
    timeout = settings.IPRGOV_LOGIN_LOCKOUT_SECONDS
    for key, _limit in _keys(username, request):
        # add() then incr(): atomic on Redis and locmem; the window starts at the first failure.
        cache.add(key, 0, timeout)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout)


def clear_failed_logins(username: str | None) -> None:
    if username:
        cache.delete(_key("user", username))


class ThrottledModelBackend(ModelBackend):
    """ModelBackend that refuses every attempt while the account or the address is throttled."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: object,
    ):
        if username is None:
            username = kwargs.get(self._username_field())  # type: ignore[assignment]  # the username field's value is a str or absent
        if login_throttled(username, request):
            # PermissionDenied stops authenticate() at once: no other backend is asked.
            raise PermissionDenied("too many failed sign-ins")
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            record_failed_login(username, request)
        else:
            clear_failed_logins(username)
        return user

    @staticmethod
    def _username_field() -> str:
        from django.contrib.auth import get_user_model

        return get_user_model().USERNAME_FIELD


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
