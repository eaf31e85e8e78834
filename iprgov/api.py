"""Shared pieces of the REST API: pagination, organisation-kind permissions, Idempotency-Key."""

import hashlib
import json
from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any

from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions
from rest_framework.pagination import CursorPagination
from rest_framework.parsers import JSONParser
from rest_framework.permissions import BasePermission
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import OrgKind
from accounts.selectors import user_is_of_kind
from complaints.models import IdempotencyKey
from iprgov.http import acting_user
from iprgov.once import key_claim


class CursorPage(CursorPagination):
    """Cursor pagination everywhere: stable under inserts, no COUNT over large tables.

    Every ordering is by an integer column, so a cursor whose position is not an integer was not made
    here: it is refused as a 400 naming the parameter, like any other bad input.
    """

    ordering = "-pk"
    page_size_query_param = "page_size"
    max_page_size = 200

    def decode_cursor(self, request: Request) -> Any:
        try:
            cursor = super().decode_cursor(request)
        except exceptions.NotFound as exc:
            raise _invalid_cursor(self.cursor_query_param) from exc
        position = getattr(cursor, "position", None)
        if position is not None and not str(position).lstrip("-").isdigit():
            raise _invalid_cursor(self.cursor_query_param)
        return cursor


def _invalid_cursor(parameter: str) -> exceptions.ValidationError:
    return exceptions.ValidationError(
        {
            parameter: [
                exceptions.ErrorDetail(
                    "This cursor is not valid: use the next or previous link.", code="invalid_cursor"
                )
            ]
        }
    )


# JSON deeper than this is refused before any view sees it (a body nested thousands of levels deep
# would otherwise exhaust the parser's recursion).
MAX_JSON_DEPTH = 32


class BoundedJSONParser(JSONParser):
    """DRF's JSON parser with a depth limit: too deep a body is a 400, never a 500."""

    def parse(
        self, stream: Any, media_type: str | None = None, parser_context: Mapping[str, Any] | None = None
    ) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise exceptions.ParseError(f"JSON nested more than {MAX_JSON_DEPTH} levels deep.") from exc
        if _depth(data) > MAX_JSON_DEPTH:
            raise exceptions.ParseError(f"JSON nested more than {MAX_JSON_DEPTH} levels deep.")
        return data


def _depth(value: Any) -> int:
    """How deeply lists and objects nest in `value`, counted without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, level + 1) for child in children)
    return deepest


class CursorPageInOrder(CursorPage):
    """Oldest first: listings in the order they were filed."""

    ordering = "pk"


class CursorPageByRow(CursorPage):
    """Bulk-upload row errors in file order."""

    ordering = "row_number"


class _OrgKind(BasePermission):
    kind: OrgKind

    def has_permission(self, request: Request, view: Any) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        if not user_is_of_kind(request.user, self.kind):
            # Another organisation kind's endpoint does not exist for this user (as in the browser).
            raise exceptions.NotFound()
        return True


class IsRightsholder(_OrgKind):
    kind = OrgKind.RIGHTSHOLDER


class IsPlatform(_OrgKind):
    kind = OrgKind.PLATFORM


class IsOffice(_OrgKind):
    kind = OrgKind.OFFICE


IDEMPOTENCY_HEADER = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="Any unique string (e.g. a UUID). A retried POST with the same key and body returns the "
    "first response (header Idempotent-Replayed: true) instead of acting twice, waiting for it if the "
    "first is still being answered; the same key with another body is refused with 422. Keys are per user.",
)
MAX_KEY_LENGTH = 255


def _request_fingerprint(request: Request) -> str:
    """A hash of what the request asks for: method, path and parsed body (files by content)."""
    digest = hashlib.sha256()
    digest.update(f"{request.method} {request.path}\n".encode())
    data = request.data
    if hasattr(data, "lists"):
        items: Any = sorted((key, [str(v) for v in values]) for key, values in data.lists())
    else:
        items = data
    digest.update(json.dumps(items, sort_keys=True, default=str).encode())
    for name, uploads in sorted(request.FILES.lists()):
        for upload in uploads:
            digest.update(name.encode())
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)
    return digest.hexdigest()


def idempotent(handler: Callable[..., Response]) -> Callable[..., Response]:
    """Make a POST handler honour the Idempotency-Key header.

    The key's row is inserted first, in the handler's transaction, as this request's claim on the key: a
    concurrent request with the same key waits on the unique index until that transaction ends, then
    replays the stored answer (or, if the first request failed and left nothing, runs the handler
    itself). Only 2xx answers are stored; an error leaves no key behind, so the client can fix and retry.
    """

    @wraps(handler)
    def wrapped(self: Any, request: Request, *args: Any, **kwargs: Any) -> Response:
        key = request.headers.get("Idempotency-Key")
        if key is None:
            return handler(self, request, *args, **kwargs)
        if not key.strip() or len(key) > MAX_KEY_LENGTH or not key.isprintable():
            raise exceptions.ValidationError(
                {
                    "Idempotency-Key": [
                        exceptions.ErrorDetail("Use 1 to 255 printable characters.", code="invalid")
                    ]
                }
            )
        fingerprint = _request_fingerprint(request)
        user = acting_user(request)  # the view's permissions have let only a signed-in user through
        with transaction.atomic():
            claim = key_claim(
                user=user, key=key, method=request.method or "", path=request.path, fingerprint=fingerprint
            )
            if claim is not None:
                response = handler(self, request, *args, **kwargs)
                _answer_stored(claim, response)
                return response
        stored = IdempotencyKey.objects.get(user=user, key=key)
        if stored.request_hash != fingerprint:
            raise _KeyReused()
        response = Response(stored.response_body, status=stored.response_status)
        response["Idempotent-Replayed"] = "true"
        return response

    return wrapped


def _answer_stored(claim: IdempotencyKey, response: Response) -> None:
    """Keep a 2xx answer for replay; any other answer gives the key up (deleted before anyone sees it)."""
    if not 200 <= response.status_code < 300:
        claim.delete()
        return
    claim.response_status = response.status_code
    claim.response_body = json.loads(JSONRenderer().render(response.data) or b"null")
    claim.save(update_fields=["response_status", "response_body"])


class _KeyReused(exceptions.APIException):
    status_code = 422
    default_code = "idempotency_key_reused"
    default_detail = "This Idempotency-Key was used for a different request; use a new key."

    def __init__(self) -> None:
        super().__init__(
            {"Idempotency-Key": [exceptions.ErrorDetail(self.default_detail, code=self.default_code)]}
        )
