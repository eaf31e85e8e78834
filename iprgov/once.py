"""One-shot browser forms: a POST carrying a form token is carried out once.

Each such form has a hidden `form_token` (`{% form_token %}`, or the complaint form's own). The first POST
with a token claims it (complaints.IdempotencyKey, as the API's Idempotency-Key does) and, when it
succeeds with a redirect, keeps where it led. A repeated POST with the same token (three clicks on
"Submit", Back and submit again) waits for the first to finish and is sent to the same place, with a
message, instead of acting again. A POST that failed gives its token up, so the corrected form can be sent.
"""

import uuid
from collections.abc import Callable
from functools import wraps
from http import HTTPStatus

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts.models import User
from complaints.models import IdempotencyKey
from iprgov.http import acting_user

FORM_TOKEN = "form_token"  # noqa: S105 — the name of a form field, not a secret
_KEY_PREFIX = "form:"  # form tokens and API keys share the table; the prefix keeps them apart


def key_claim(*, user: User, key: str, method: str, path: str, fingerprint: str) -> IdempotencyKey | None:
    """The key's new row, uncommitted (status 102 Processing until the answer is known), or None when a
    request with this key has already been answered. Waits while another request holds the key."""
    try:
        with transaction.atomic():
            return IdempotencyKey.objects.create(
                user=user,
                key=key,
                method=method,
                path=path[:500],
                request_hash=fingerprint,
                response_status=HTTPStatus.PROCESSING,
                response_body=None,
            )
    except IntegrityError:
        return None


def posted_form_token(request: HttpRequest) -> uuid.UUID | None:
    try:
        return uuid.UUID(request.POST.get(FORM_TOKEN, ""))
    except ValueError:
        return None


def once_per_form(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Carry out a form's POST once per form token; a POST without a token is carried out as it comes."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        token = posted_form_token(request) if request.method == "POST" else None
        if token is None or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        user = acting_user(request)
        key = f"{_KEY_PREFIX}{token}"
        with transaction.atomic():
            claim = key_claim(user=user, key=key, method="POST", path=request.path, fingerprint=str(token))
            if claim is not None:
                response = view(request, *args, **kwargs)
                if isinstance(response, HttpResponseRedirect):
                    claim.response_status = HTTPStatus.SEE_OTHER
                    claim.response_body = {"location": response["Location"]}
                    claim.save(update_fields=["response_status", "response_body"])
                else:
                    claim.delete()
                return response
        stored = IdempotencyKey.objects.get(user=user, key=key).response_body
        messages.info(request, _("This form was already sent: here is what it did."))
        return redirect(stored["location"] if isinstance(stored, dict) else request.path)

    return wrapped
