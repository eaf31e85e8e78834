"""One error shape for the whole API: {"errors": [{"field": ..., "code": ..., "message": ...}]}.

`field` names the input the problem is about (dotted for nested input: "listings.3.url") or is null
for the request as a whole. Service errors (django ValidationError) are 400, or 409 when the state
of the object refuses the action; missing or out-of-scope objects are 404.
"""

import logging
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.http import Http404
from django_fsm import TransitionNotAllowed
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler, set_rollback

log = logging.getLogger(__name__)

CONFLICT_CODES = {"transition_not_allowed", "conflict", "immutable"}
FORBIDDEN_CODES = {"forbidden"}


def error(field: str | None, code: str, message: str) -> dict[str, Any]:
    return {"field": field, "code": code, "message": str(message)}


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
    codes = {e["code"] for e in errors}
    if codes & FORBIDDEN_CODES:
        return status.HTTP_403_FORBIDDEN
    if codes & CONFLICT_CODES:
        return status.HTTP_409_CONFLICT
    return status.HTTP_400_BAD_REQUEST


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        errors = _django_errors(exc)
        set_rollback()
        return Response({"errors": errors}, status=_status_for(errors))
    if isinstance(exc, ObjectDoesNotExist | Http404):
        set_rollback()
        return Response(
            {"errors": [error(None, "not_found", "Not found.")]}, status=status.HTTP_404_NOT_FOUND
        )
    if isinstance(exc, TransitionNotAllowed):
        set_rollback()
        return Response(
            {
                "errors": [
                    error(None, "transition_not_allowed", "This action is not allowed in the current state.")
                ]
            },
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, IntegrityError):
        log.warning("API request refused by a database constraint", exc_info=True)
        set_rollback()
        return Response(
            {"errors": [error(None, "conflict", "This conflicts with existing data.")]}, status=409
        )
    if isinstance(exc, DataError):
        log.warning("API request refused by the database as invalid data", exc_info=True)
        set_rollback()
        return Response(
            {"errors": [error(None, "invalid", "A value is out of range or malformed.")]}, status=400
        )
    if isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.APIException):
        detail = exc.detail
        if isinstance(exc, exceptions.ValidationError):
            errors = _flatten(detail)
        elif isinstance(detail, dict | list):
            errors = _flatten(detail)
        else:
            errors = [error(None, getattr(detail, "code", None) or exc.default_code, str(detail))]
        response.data = {"errors": errors or [error(None, exc.default_code, str(exc.default_detail))]}
    return response
