"""Shared pieces of the REST API: pagination, organisation-kind permissions, Idempotency-Key."""

import hashlib
import io
import json
import re
from collections.abc import Callable, Iterable, Mapping
from functools import wraps
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.parsers import JSONParser
from rest_framework.permissions import BasePermission
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from accounts.models import OrgKind
from accounts.selectors import user_is_of_kind
from complaints.models import IdempotencyKey
from iprgov.http import acting_user
from iprgov.once import key_claim


class CursorPage(CursorPagination):
    """Cursor pagination everywhere: stable under inserts, no COUNT over large tables.

    Every ordering is by an integer column, so a cursor says which way to go from which row: "n42"
    (the rows after 42), "p42" (the rows before 42), with ".3" when rows at the boundary are skipped.
    The schema publishes that pattern; a cursor the API did not make is a 400 naming the parameter, like
    any other bad input. An empty cursor or page size is as if it was not given.
    """

    ordering = "-pk"
    page_size_query_param = "page_size"
    max_page_size = 200
    # Unnamed groups (way, position, offset): the schema publishes the pattern, and ECMAScript names groups
    # differently from Python.
    cursor_pattern = re.compile(r"([np])([0-9]{1,19})?(?:\.([1-9][0-9]{0,3}))?")

    def decode_cursor(self, request: Request) -> Cursor | None:
        encoded = request.query_params.get(self.cursor_query_param)
        if not encoded:
            return None
        match = self.cursor_pattern.fullmatch(encoded)
        if match is None:
            raise _invalid(
                self.cursor_query_param, _("This cursor is not valid: use the next or previous link.")
            )
        way, position, offset = match.groups()
        # DRF keeps a position as the text of the ordering column's value (_get_position_from_instance).
        return Cursor(offset=min(int(offset or 0), self.offset_cutoff), reverse=way == "p", position=position)  # type: ignore[arg-type]

    def encode_cursor(self, cursor: Cursor) -> str:
        encoded = f"{'p' if cursor.reverse else 'n'}{cursor.position or ''}{f'.{cursor.offset}' if cursor.offset else ''}"
        # paginate_queryset, which runs first, has set the base URL.
        return replace_query_param(cast(str, self.base_url), self.cursor_query_param, encoded)

    def get_page_size(self, request: Request) -> int | None:
        given = request.query_params.get(self.page_size_query_param)
        if not given:
            return self.page_size
        if not (given.isascii() and given.isdigit() and 1 <= int(given) <= self.max_page_size):
            raise _invalid(
                self.page_size_query_param,
                _("Give a whole number from 1 to %(max)d.") % {"max": self.max_page_size},
            )
        return int(given)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        cursor, page_size = super().get_schema_operation_parameters(view)
        cursor["schema"]["pattern"] = f"^{self.cursor_pattern.pattern}$"
        page_size["schema"].update({"minimum": 1, "maximum": self.max_page_size})
        return [cursor, page_size]


def _invalid(parameter: str, message: str) -> exceptions.ValidationError:
    return exceptions.ValidationError(
        {parameter: [exceptions.ErrorDetail(message, code="invalid_" + parameter)]}
    )


# JSON deeper than this is refused before any view sees it (a body nested thousands of levels deep
# would otherwise exhaust the parser's recursion).
MAX_JSON_DEPTH = 32


class BoundedJSONParser(JSONParser):
    """DRF's JSON parser with limits: a body over DATA_UPLOAD_MAX_MEMORY_SIZE is a 413 (as Django refuses
    a form that big) and one nested too deep a 400, both before any view sees them, never a 500."""

    def parse(
        self, stream: Any, media_type: str | None = None, parser_context: Mapping[str, Any] | None = None
    ) -> Any:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        body = stream.read() if limit is None else stream.read(limit + 1)
        if limit is not None and len(body) > limit:
            raise RequestDataTooBig("Request body exceeded settings.DATA_UPLOAD_MAX_MEMORY_SIZE.")
        try:
            data = super().parse(io.BytesIO(body), media_type, parser_context)
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


class FirstRendererNegotiation(DefaultContentNegotiation):
    """For a view that answers with a file of its own (a CSV): whatever the client accepts, its errors are
    rendered by the view's first renderer (JSON) rather than refused with a 406."""

    def select_renderer(
        self, request: Request, renderers: Iterable[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        first = next(iter(renderers))
        return first, first.media_type


class OrgKindPermission(BasePermission):
    kinds: tuple[OrgKind, ...]

    def has_permission(self, request: Request, view: Any) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        if request.method not in view.allowed_methods:
            # A method the endpoint does not have is a 405 for everyone, whatever their kind.
            return True
        if not any(user_is_of_kind(request.user, kind) for kind in self.kinds):
            # Another organisation kind's endpoint does not exist for this user (as in the browser).
            raise exceptions.NotFound()
        return True


class IsRightsholder(OrgKindPermission):
    kinds = (OrgKind.RIGHTSHOLDER,)


class IsPlatform(OrgKindPermission):
    kinds = (OrgKind.PLATFORM,)


class IsOffice(OrgKindPermission):
    kinds = (OrgKind.OFFICE,)


class IsDisputeBody(OrgKindPermission):
    kinds = (OrgKind.DISPUTE_BODY,)


class IsPlatformOrOffice(OrgKindPermission):
    """The steps either handler of a case takes (sending the respondent's link, suspending filing)."""

    kinds = (OrgKind.PLATFORM, OrgKind.OFFICE)


# What the check in `idempotent` lets through, for the schema: 1 to 255 printable characters, not all
# spaces. A header travels as Latin-1, whose printable characters these are.
_KEY_SCHEMA = {
    "type": "string",
    "maxLength": 255,
    "pattern": "^ *[!-~\\u00a1-\\u00ac\\u00ae-\\u00ff][ -~\\u00a1-\\u00ac\\u00ae-\\u00ff]*$",
}
IDEMPOTENCY_HEADER = OpenApiParameter(
    "Idempotency-Key",
    _KEY_SCHEMA,
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
