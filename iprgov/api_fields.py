"""Input fields that take JSON as it is typed, as the OpenAPI schema describes it.

DRF's own fields coerce: `1.5` becomes the integer 1, `"yes"` and `1` become true, `123` becomes the
text "123". A client that sends the wrong type has a bug; it learns of it from a 400 naming the field
rather than from an object it did not mean to act on (right 1 for `"right": 1.5`).
"""

from typing import Any

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


def _is_integral(data: Any) -> bool:
    if isinstance(data, bool):
        return False
    return isinstance(data, int) or (isinstance(data, float) and data.is_integer())


class StrictIntegerField(serializers.IntegerField):
    """A JSON number without a fractional part (JSON Schema's integer: 3 and 3.0, never 3.5, "3" or true)."""

    def to_internal_value(self, data: Any) -> int:
        if not _is_integral(data):
            self.fail("invalid")
        return super().to_internal_value(int(data))


class StrictPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """The id of an object the caller may name, as a JSON integer."""

    def to_internal_value(self, data: Any) -> Any:
        if not _is_integral(data):
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(int(data))


class StrictBooleanField(serializers.BooleanField):
    """JSON true or false only."""

    def to_internal_value(self, data: Any) -> bool:
        if not isinstance(data, bool):
            self.fail("invalid", input=data)
        return data


class StrictCharField(serializers.CharField):
    """A JSON string only (DRF's CharField turns numbers into text), no longer than `max_length` as sent:
    the schema's maxLength counts the characters sent, DRF counts them after trimming."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        if self.max_length is not None and len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        return super().to_internal_value(data)


class StrictEmailField(serializers.EmailField):
    """A JSON string only, an email address by Django's own rule (the schema says `format: email`)."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


# An absolute http(s) address on a host name with a top-level domain or an IPv4 address, and a path,
# query and fragment as RFC 3986 spells them (other characters percent-encoded). Written only with what
# Python, ECMAScript and the schema tooling read alike (no \s, \d, lookarounds or flags), because the
# OpenAPI schema publishes this very pattern; what it admits, Django's URLValidator admits too
# (tests/api/test_strict_input.py), so the models accept it.
_LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,48}[A-Za-z0-9])?"
_TOP_LEVEL = "(?:[A-Za-z]{2,24}|xn--[A-Za-z0-9]{1,20})"
_OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_PORT = "(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3})"
_PATH_CHAR = "(?:[A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})"
_QUERY_CHAR = "(?:[A-Za-z0-9._~!$&'()*+,;=:@/?-]|%[0-9A-Fa-f]{2})"
WEB_ADDRESS = (
    "https?://"
    f"(?:{_LABEL}(?:\\.{_LABEL}){{0,3}}\\.{_TOP_LEVEL}|{_OCTET}(?:\\.{_OCTET}){{3}})"
    f"(?::{_PORT})?"
    f"(?:/{_PATH_CHAR}*)*(?:\\?{_QUERY_CHAR}*)?(?:#{_QUERY_CHAR}*)?"
)


class WebAddressField(StrictCharField):
    """An http(s) address as WEB_ADDRESS reads it, exactly as given (surrounding spaces are not trimmed)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(trim_whitespace=False, **kwargs)
        self.validators.append(
            RegexValidator(f"\\A{WEB_ADDRESS}\\Z", message=_("Enter a valid URL."), code="invalid")
        )


MAX_ID = 2**63 - 1


class StrictIdField(StrictIntegerField):
    """The id of an object, as a JSON integer from 1 to the largest id a table holds."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=1, max_value=MAX_ID, **kwargs)
