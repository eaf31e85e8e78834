"""Small helpers shared by the browser and API views of every app."""

from collections.abc import Callable
from typing import cast

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest
from rest_framework.request import Request

from accounts.models import User


def acting_user(request: HttpRequest | Request) -> User:
    """The signed-in user; views (and API views) call it only behind a login or organisation-kind guard."""
    return cast(User, request.user)


def found_or_404[T](fetch: Callable[..., T], /, **kwargs: object) -> T:
    """Call a scoped selector; an object outside the user's scope is a 404, never a hint that it exists."""
    try:
        return fetch(**kwargs)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc
