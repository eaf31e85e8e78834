"""The token endpoint's answer while sign-in is locked out (accounts.lockout): a 429 in the API's error shape,
with Retry-After, instead of "the username or password is not right"."""

from django.conf import settings
from rest_framework import exceptions, status

from accounts.lockout import locked_out_message


class SignInLockedOut(exceptions.APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "locked_out"

    def __init__(self) -> None:
        super().__init__(locked_out_message())
        # DRF's exception handler sends `wait` as Retry-After: the longest the lockout can still last.
        self.wait = settings.IPRGOV_LOGIN_LOCKOUT_SECONDS
