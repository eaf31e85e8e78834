"""The OpenAPI schema says what the API does: the errors each operation can answer with, and input rules
that DRF applies without declaring them (trimmed text must not be blank, text never holds NUL)."""

import re
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.core.validators import RegexValidator
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from iprgov.api import IDEMPOTENCY_HEADER, FirstRendererNegotiation, OrgKindPermission


@extend_schema_serializer(component_name="Error")
class ErrorOutput(serializers.Serializer):
    field = serializers.CharField(
        allow_null=True,
        help_text='The input concerned, dotted when nested ("listings.3.url"); null for the request.',
    )
    code = serializers.CharField(
        help_text="Stable, for programs: required, invalid, not_found, conflict, ..."
    )
    message = serializers.CharField(help_text="For people, in the caller's language.")


@extend_schema_serializer(component_name="Errors")
class ErrorsOutput(serializers.Serializer):
    # A field named like Serializer.errors: DRF's metaclass moves declared fields off the class.
    errors = ErrorOutput(many=True, allow_empty=False)  # type: ignore[assignment]


# DRF's CharField trims what str.strip() trims and refuses NUL in any text. These are those characters,
# spelled for the schema's regular expressions (Python's \s and ECMAScript's differ).
_SPACE = "\\t\\n\\u000b\\u000c\\r\\u001c-\\u001f \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"
# Non-empty: for a field that may be blank the schema adds the empty string as an alternative of its own.
TEXT = "^[^\\u0000]+$"
NON_BLANK_TEXT = f"^[{_SPACE}]*[^\\u0000{_SPACE}][^\\u0000]*$"


class _Given:
    def __repr__(self) -> str:
        return "GIVEN"


# In a serializer's `any_of` alternatives ({field: value or GIVEN}): the field is there and not blank.
GIVEN = _Given()


def first_sentence(text: str) -> str:
    """Up to the first full stop or semicolon outside parentheses (not an abbreviation's, as in "e.g."),
    without a trailing "(GET)" that says which method of a view the sentence is about."""
    words = " ".join(text.split("\n\n", 1)[0].split())
    depth = 0
    for index, char in enumerate(words):
        depth += {"(": 1, ")": -1}.get(char, 0)
        ends = char in ".;" and depth == 0 and words[index + 1 : index + 2] in ("", " ")
        if ends and not words[max(0, index - 3) : index].count("."):
            words = words[:index]
            break
    return re.sub(r"\s*\((GET|POST)\)$", "", words.rstrip(".;"))


class ErrorsDocumentedAutoSchema(AutoSchema):
    def get_summary(self) -> str | None:
        """The first sentence of the operation's description: what a generated client names its method by."""
        return first_sentence(self.get_description()) or None

    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        for parameter in operation.get("parameters", []):
            # Pagination and django-filter read an empty single value as the parameter left out.
            if (
                parameter["in"] == "query"
                and not parameter.get("required")
                and parameter["schema"].get("type") != "array"
            ):
                parameter["allowEmptyValue"] = True
        errors = self.resolve_serializer(ErrorsOutput, "response").ref
        for status, description in self._errors_of(operation):
            response: dict[str, Any] = {
                "description": description,
                "content": {"application/json": {"schema": errors}},
            }
            if status == 429:
                response["headers"] = {
                    "Retry-After": {
                        "schema": {"type": "integer", "minimum": 0},
                        "description": "Seconds to wait before calling again.",
                        "required": True,
                    }
                }
            operation["responses"].setdefault(str(status), response)
        return operation

    def _errors_of(self, operation: dict[str, Any]) -> list[tuple[int, str]]:
        """The refusals this operation can answer with, from what it takes and who may call it."""
        parameters = operation.get("parameters", [])
        reads_body = "requestBody" in operation or any(
            p["name"] == IDEMPOTENCY_HEADER.name for p in parameters
        )
        takes_input = reads_body or any(p["in"] in ("query", "header") for p in parameters)
        signed_in = bool(operation.get("security"))
        # DRF answers 401 only where it can name a challenge (a view that checks a token or a password).
        challenges = bool(self.view.get_authenticate_header(self.view.request))
        scoped = "{" in self.path or any(
            isinstance(p, OrgKindPermission) for p in self.view.get_permissions()
        )
        errors = []
        if takes_input:
            errors.append((400, "The request is not valid; each error names the input."))
        if challenges:
            errors.append(
                (401, "No token or a token that is not valid, or (to get a token) wrong credentials.")
            )
        if signed_in:
            errors.append(
                (
                    403,
                    "The caller's role may not do this, or a session lacks its second factor or CSRF token.",
                )
            )
        if scoped:
            errors.append(
                (404, "Not found, or outside the caller's organisation (also an object named in the body).")
            )
        if "{token}" in self.path:
            errors.append((410, "The respondent's signed link has expired; the platform sends a new one."))
        if not isinstance(self.view.get_content_negotiator(), FirstRendererNegotiation):
            errors.append((406, "The Accept header excludes JSON."))
        if signed_in and self.method == "POST":
            errors.append((409, "The state of the object refuses the action (e.g. already submitted)."))
        if reads_body:
            errors.append((413, "The body is over the size limit."))
            errors.append((415, "The body is not in a media type this operation takes."))
        if any(p["name"] == IDEMPOTENCY_HEADER.name for p in parameters):
            errors.append((422, "The Idempotency-Key was used for a different request."))
        if self.view.get_throttles():
            errors.append((429, "Too many calls; wait the seconds in Retry-After."))
        return errors

    def _map_serializer_field(self, field: Any, direction: str, bypass_extensions: bool = False) -> Any:
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if direction == "request":
            if isinstance(field, serializers.CharField) and schema.get("type") == "string":
                if (
                    not any(isinstance(v, RegexValidator) for v in field.validators)
                    and "format" not in schema
                ):
                    schema["pattern"] = (
                        TEXT if field.allow_blank or not field.trim_whitespace else NON_BLANK_TEXT
                    )
            if (
                isinstance(field, serializers.ListField | serializers.ListSerializer)
                and not field.allow_empty
            ):
                schema["minItems"] = 1
        elif (
            isinstance(field, serializers.ChoiceField)
            and "" not in schema.get("enum", [""])
            and _model_field_may_be_blank(field)
        ):
            # A read-only ModelSerializer field loses allow_blank; the model's empty value is still answered.
            schema["enum"] = [*schema["enum"], ""]
        return schema

    def _insert_field_validators(self, field: Any, schema: dict[str, Any]) -> None:
        super()._insert_field_validators(field, schema)
        if isinstance(field, serializers.URLField) and field.read_only:
            # A stored address is what Django's URLValidator took (the pages and bulk files use it), which
            # admits more than RFC 3986's URIs: host names and paths in other scripts.
            schema.pop("format", None)

    def _map_basic_serializer(self, serializer: Any, direction: str) -> Any:
        """A serializer's `any_of` (rules across fields that its service checks) goes into the schema too."""
        schema = super()._map_basic_serializer(serializer, direction)
        alternatives = getattr(serializer, "any_of", ())
        if direction == "request" and alternatives:
            schema["anyOf"] = [
                {
                    "required": list(alternative),
                    "properties": {
                        # A bare enum here would become a component named after the field, as if the field
                        # took only this value.
                        name: _not_blank(serializer.fields[name]) if value is GIVEN else _only(value)
                        for name, value in alternative.items()
                    },
                }
                for alternative in alternatives
            ]
        return schema


def _only(value: Any) -> dict[str, Any]:
    """The one value a field takes in an alternative. A boolean is "not the other one": a generated client
    (openapi-python-client) cannot name a single-valued boolean enum."""
    if isinstance(value, bool):
        return {"type": "boolean", "not": {"enum": [not value]}}
    return {"allOf": [{"enum": [value]}]}


def _not_blank(field: serializers.CharField) -> dict[str, Any]:
    return {"pattern": NON_BLANK_TEXT} if field.trim_whitespace else {"minLength": 1}


def _model_field_may_be_blank(field: serializers.Field) -> bool:
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    if model is None or not isinstance(field.source, str):
        return False
    try:
        return model._meta.get_field(field.source).blank
    except FieldDoesNotExist:
        return False
