"""One error shape for the whole API: {"errors": [{"field": ..., "code": ..., "message": ...}]}.

`field` names the input the problem is about (dotted for nested input: "listings.3.url") or is null
for the request as a whole. What the request itself gets wrong is a 400. A service's refusal is a 400
for bad input, a 404 when it names something the caller cannot see, a 409 when the state of the
object refuses the action and a 403 when the caller's role does. Everything else under /api/ that is
refused (by Django, a middleware or an unhandled exception) gets the same shape from
`api_error_response`, through Django's error hooks (iprgov.error_handlers) and
iprgov.api_error_middleware.
"""

import logging
from http import HTTPStatus
from typing import Any

from django.core.exceptions import (
    ObjectDoesNotExist,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext_lazy as _
from django_fsm import TransitionNotAllowed
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler, set_rollback

log = logging.getLogger(__name__)

API_PATH_PREFIX = "/api/"

FORBIDDEN_CODES = {"forbidden"}
NOT_FOUND_CODES = {"not_found", "does_not_exist"}
# The object, or the caller's standing, refuses the action now: already done, submitted, incomplete,
# filing suspended; `unique` and `unique_together` come from a model's full_clean() (it exists already).
CONFLICT_CODES = {
    "transition_not_allowed",
    "conflict",
    "immutable",
    "incomplete",
    "expired",
    "filing_suspended",
    "unique",
    "unique_together",
}

# The code and message of a refusal that carries none of its own, by status (DRF's codes where it has one).
DEFAULTS_FOR_STATUS: dict[int, tuple[str, Any]] = {
    400: ("bad_request", _("The request is not valid.")),
    401: ("not_authenticated", _("Authentication credentials were not provided.")),
    403: ("permission_denied", _("You do not have permission to perform this action.")),
    404: ("not_found", _("Not found.")),
    405: ("method_not_allowed", _("This method is not allowed here.")),
    406: ("not_acceptable", _("The API answers in JSON only.")),
    409: ("conflict", _("This conflicts with existing data.")),
    413: ("too_large", _("The request body is too large.")),
    415: ("unsupported_media_type", _("This media type is not accepted here.")),
    429: ("throttled", _("Too many requests; wait and try again.")),
    500: ("server_error", _("Something went wrong on our side; it has been logged.")),
}


def error(field: str | None, code: str, message: str) -> dict[str, Any]:
    return {"field": field, "code": code, "message": str(message)}


def is_api_request(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PATH_PREFIX)


def api_error_response(
    status_code: int, *, code: str | None = None, message: str | None = None
) -> JsonResponse:
    """The API's error body for a refusal of the request as a whole, with the status it is refused with."""
    default_code, default_message = DEFAULTS_FOR_STATUS.get(
        status_code,
        ("server_error" if status_code >= 500 else "client_error", HTTPStatus(status_code).phrase),
    )
    body = {"errors": [error(None, code or default_code, message or str(default_message))]}
    return JsonResponse(body, status=status_code, json_dumps_params={"ensure_ascii": False})


def request_refusal(exc: SuspiciousOperation) -> tuple[int, str, str]:
    """Status, code and message for a request Django refused as it read it: too big a body is a 413."""
    if isinstance(exc, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
        return 413, "too_large", str(exc)
    return 400, "bad_request", str(DEFAULTS_FOR_STATUS[400][1])


def _flatten(detail: Any, field: str | None = None) -> list[dict[str, Any]]:
    """DRF's nested detail (dicts, lists, ErrorDetail) as a flat list of errors with dotted field names."""
    if isinstance(detail, dict):
        out = []
        for key, value in detail.items():
            name = None if key in ("non_field_errors", "__all__") else str(key)
            out.extend(_flatten(value, f"{field}.{name}" if field and name else (name or field)))
        return out
    if isinstance(detail, list):
        out = []
        for index, value in enumerate(detail):
            # A list of per-item dicts (many=True) keeps the item's index in the field name.
            if isinstance(value, dict):
                if value:
                    out.extend(_flatten(value, f"{field}.{index}" if field else str(index)))
            else:
                out.extend(_flatten(value, field))
        return out
    return [error(field, getattr(detail, "code", None) or "invalid", str(detail))]


def _django_errors(exc: DjangoValidationError) -> list[dict[str, Any]]:
    if hasattr(exc, "error_dict"):
        out = []
        for field, errors in exc.error_dict.items():
            name = None if field == "__all__" else field
            for item in errors:
                out.append(error(name, item.code or "invalid", " ".join(item.messages)))
        return out
    return [error(None, item.code or "invalid", " ".join(item.messages)) for item in exc.error_list]


def _status_for(errors: list[dict[str, Any]]) -> int:
    """Bad input first; then what the caller may not do, what it named but cannot see, what may not be done now."""
    codes = {e["code"] for e in errors}
    if not codes or codes - FORBIDDEN_CODES - NOT_FOUND_CODES - CONFLICT_CODES:
        return status.HTTP_400_BAD_REQUEST
    if codes & FORBIDDEN_CODES:
        return status.HTTP_403_FORBIDDEN
    if codes & NOT_FOUND_CODES:
        return status.HTTP_404_NOT_FOUND
    return status.HTTP_409_CONFLICT


def _refused(status_code: int, code: str, message: Any) -> Response:
    set_rollback()
    return Response({"errors": [error(None, code, message)]}, status=status_code)


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        errors = _django_errors(exc)
        set_rollback()
        return Response({"errors": errors}, status=_status_for(errors))
    if isinstance(exc, ObjectDoesNotExist | Http404):
        return _refused(status.HTTP_404_NOT_FOUND, "not_found", DEFAULTS_FOR_STATUS[404][1])
    if isinstance(exc, TransitionNotAllowed):
        return _refused(
            status.HTTP_409_CONFLICT,
            "transition_not_allowed",
            _("This action is not allowed in the current state."),
        )
    if isinstance(exc, IntegrityError):
        log.warning("API request refused by a database constraint", exc_info=True)
        return _refused(status.HTTP_409_CONFLICT, "conflict", DEFAULTS_FOR_STATUS[409][1])
    if isinstance(exc, DataError):
        log.warning("API request refused by the database as invalid data", exc_info=True)
        return _refused(status.HTTP_400_BAD_REQUEST, "invalid", _("A value is out of range or malformed."))
    if isinstance(exc, SuspiciousOperation):
        log.warning("API request refused as it was read: %s", exc)
        return _refused(*request_refusal(exc))
    if isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.APIException):
        detail = exc.detail
        if isinstance(detail, dict | list):
            errors = _flatten(detail)
        else:
            errors = [error(None, getattr(detail, "code", None) or exc.default_code, str(detail))]
        errors = errors or [error(None, exc.default_code, str(exc.default_detail))]
        if isinstance(exc, exceptions.ValidationError):
            # The input names an object the caller cannot see (a right, a platform): as in a URL, a 404.
            response.status_code = _status_for(errors)
        response.data = {"errors": errors}
    return response
