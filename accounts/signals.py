"""Signing in switches the session to the language saved in the user's profile."""

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import translation

from accounts.models import User
from accounts.preferences import supported_language


@receiver(user_logged_in, dispatch_uid="accounts.activate_profile_language")
def activate_profile_language(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    """The rest of the login request (messages, redirect) is in the profile's language; the
    language cookie follows on the next response (UserPreferencesMiddleware)."""
    language = supported_language(user.language)
    if request is not None and language:
        translation.activate(language)
        request.LANGUAGE_CODE = language
