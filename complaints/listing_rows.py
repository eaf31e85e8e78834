"""A listing as one row gives it: a row of a bulk file, or a line of the complaint form's listings box.

Both have the same columns, in this order when a file has no header row (and always in the box): the
listing (its URL or the platform's listing id), the store id, then, optionally, the store's name, contact
email, language (en or zh-hans) and region (its division code). A bulk file may instead begin with a
header row naming its columns (HEADER_NAMES), in any order, with `url` and `listing_ref` as columns of
their own.

`checked_rows` makes a ListingInput of each row or says, by column, what is wrong with it: one set of
checks and messages for the file and the box.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaints.models import Listing
from complaints.services import ListingInput
from regions.models import Region

# The columns read by position, when no header names them.
POSITIONAL = ("listing", "store_ref", "store_name", "store_email", "store_language", "store_region")

# Header names (lower case, spaces as underscores) and the column each one names.
HEADER_NAMES = {
    "url": "url",
    "listing_url": "url",
    "listing": "listing",
    "listing_ref": "listing_ref",
    "listing_id": "listing_ref",
    "store": "store_ref",
    "store_ref": "store_ref",
    "store_id": "store_ref",
    "store_name": "store_name",
    "store_email": "store_email",
    "contact_email": "store_email",
    "email": "store_email",
    "store_language": "store_language",
    "language": "store_language",
    "store_region": "store_region",
    "region": "store_region",
    "region_code": "store_region",
}


def aliases_of(column: str) -> list[str]:
    """The header names that name `column`."""
    return [name for name, named in HEADER_NAMES.items() if named == column]


LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)

_url_validator = URLValidator(schemes=["http", "https"])
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


@dataclass(frozen=True)
class RowError(Exception):
    """What is wrong with a row: the column (`field`), a code and a message for a person."""

    field: str
    code: str
    message: str


def column_map(first_row: list[str]) -> dict[str, int] | None:
    """Column positions from a header row, or None when the first row is data."""
    names = [cell.strip().lower().replace(" ", "_") for cell in first_row]
    mapping = {
        HEADER_NAMES[name]: index for index, name in reversed(list(enumerate(names))) if name in HEADER_NAMES
    }
    return mapping or None


def row_values(cells: list[str], columns: dict[str, int] | None) -> dict[str, str]:
    """The row's values by column, from a header's `columns` or (None) by position."""
    positions = columns if columns is not None else {name: i for i, name in enumerate(POSITIONAL)}
    return {name: cells[index].strip() for name, index in positions.items() if index < len(cells)}


def checked_rows(rows: Iterable[tuple[int, dict[str, str]]]) -> list[tuple[int, ListingInput | RowError]]:
    """Each (row number, values) as a listing, or the error that keeps it from being one; in row order.

    Region codes are looked up once for all the rows.
    """
    rows = list(rows)
    codes = {values["store_region"] for _number, values in rows if values.get("store_region")}
    regions = {region.code: region for region in Region.objects.filter(code__in=codes)} if codes else {}
    checked: list[tuple[int, ListingInput | RowError]] = []
    for number, values in rows:
        try:
            checked.append((number, _listing(number, values, regions)))
        except RowError as exc:
            checked.append((number, exc))
    return checked


def _max_length(name: str) -> int:
    field = Listing._meta.get_field(name)
    assert isinstance(field, models.CharField)  # URLField and EmailField are CharFields too
    return cast(int, field.max_length)  # every text field of Listing declares one


# Read once: a file of 100,000 rows checks five lengths a row.
_MAX_LENGTH = {
    name: _max_length(name) for name in ("url", "listing_ref", "store_ref", "store_name", "store_email")
}


_TOO_LONG = {
    "url": gettext_lazy("The listing URL is longer than %(max)s characters."),
    "listing_ref": gettext_lazy("The listing id is longer than %(max)s characters."),
    "store_ref": gettext_lazy("The store id is longer than %(max)s characters."),
    "store_name": gettext_lazy("The store name is longer than %(max)s characters."),
}


def _check_length(field: str, value: str) -> None:
    if len(value) > _MAX_LENGTH[field]:
        raise RowError(field, "max_length", str(_TOO_LONG[field]) % {"max": _MAX_LENGTH[field]})


def _listing(number: int, values: dict[str, str], regions: dict[str, Region]) -> ListingInput:
    if any("\x00" in value for value in values.values()):
        raise RowError("listing", "invalid", _("The row contains a NUL character."))
    url = values.get("url", "")
    listing_ref = values.get("listing_ref", "")
    target = values.get("listing", "")
    if target:
        if _SCHEME.match(target):
            url = url or target
        else:
            listing_ref = listing_ref or target
    if not url and not listing_ref:
        raise RowError("listing", "required", _("Give the listing URL or the listing id."))
    if url:
        _check_length("url", url)
        try:
            _url_validator(url)
        except ValidationError:
            raise RowError(
                "url", "invalid", _("“%(value)s” is not a valid web address.") % {"value": url[:80]}
            ) from None
    _check_length("listing_ref", listing_ref)
    store_ref = values.get("store_ref", "")
    if not store_ref:
        raise RowError("store_ref", "required", _("Give the store id."))
    _check_length("store_ref", store_ref)
    store_name = values.get("store_name", "")
    _check_length("store_name", store_name)
    return ListingInput(
        url=url,
        listing_ref=listing_ref,
        store_ref=store_ref,
        store_name=store_name,
        store_email=_email(values.get("store_email", "")),
        store_language=_language(values.get("store_language", "")),
        store_region=_region(values.get("store_region", ""), regions),
        row=number,
    )


def _email(value: str) -> str:
    if not value:
        return ""
    try:
        validate_email(value)
        well_formed = len(value) <= _MAX_LENGTH["store_email"]
    except ValidationError:
        well_formed = False
    if not well_formed:
        raise RowError(
            "store_email",
            "invalid",
            _("“%(value)s” is not an email address the store can be reached at.") % {"value": value[:80]},
        )
    return value


def _language(value: str) -> str:
    code = value.lower().replace("_", "-")
    if code and code not in LANGUAGE_CODES:
        raise RowError(
            "store_language",
            "invalid_choice",
            _("“%(value)s” is not a language of the site; give one of: %(choices)s.")
            % {"value": value[:80], "choices": ", ".join(LANGUAGE_CODES)},
        )
    return code


def _region(code: str, regions: dict[str, Region]) -> Region | None:
    if not code:
        return None
    if code not in regions:
        raise RowError(
            "store_region",
            "unknown",
            _("No region has the division code “%(value)s”.") % {"value": code[:80]},
        )
    return regions[code]
