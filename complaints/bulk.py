"""Bulk filing: a CSV or XLSX file of up to IPRGOV_BULK_MAX_ROWS listings added to a draft by a worker.

The file is read in batches of IPRGOV_BULK_BATCH_ROWS rows. Each batch commits its good rows, its row
errors and the progress counters together, so a worker that dies resumes after the last committed
batch, bad rows never hold back good ones, and a file uploaded twice adds nothing the second time (the
same content is recognised by its SHA-256; repeated listings are refused by a unique constraint).

Columns: the listing (URL or the platform's listing id), the store id, optionally the store name. A
first row naming the columns (url, listing_ref, listing, store_ref, store_id, store_name) is read as a
header and may put them in any order.
"""

import csv
import io
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints.models import (
    BulkUpload,
    BulkUploadRowError,
    BulkUploadStatus,
    Complaint,
    ComplaintStatus,
    Listing,
)
from complaints.services import ListingInput, complaint_add_listings

log = logging.getLogger(__name__)

HEADER_NAMES = {
    "url": "url",
    "listing_url": "url",
    "listing": "target",
    "listing_ref": "listing_ref",
    "listing_id": "listing_ref",
    "store": "store_ref",
    "store_ref": "store_ref",
    "store_id": "store_ref",
    "store_name": "store_name",
}
_url_validator = URLValidator(schemes=["http", "https"])
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


class BulkFileError(Exception):
    """The file as a whole cannot be read; nothing more is taken from it."""


@dataclass(frozen=True)
class RowError(Exception):
    field: str
    code: str
    message: str


# Reading rows


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _csv_rows(handle: IO[bytes]) -> Iterator[list[str]]:
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    sample = text.read(64 * 1024)
    text.seek(0)
    first_line = sample.splitlines()[0] if sample else ""
    delimiter = (
        "\t" if "\t" in first_line else (";" if first_line.count(";") > first_line.count(",") else ",")
    )
    try:
        for row in csv.reader(text, delimiter=delimiter):
            yield [cell.strip() for cell in row]
    except (UnicodeDecodeError, csv.Error) as exc:
        raise BulkFileError(_("The file is not a UTF-8 CSV file (%(error)s).") % {"error": exc}) from exc


def _xlsx_rows(handle: IO[bytes]) -> Iterator[list[str]]:
    import openpyxl  # only the worker and the bench read spreadsheets

    try:
        workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 — openpyxl raises many kinds for a damaged file
        raise BulkFileError(_("The spreadsheet cannot be read.")) from exc
    try:
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield [_cell(value) for value in row]
    finally:
        workbook.close()


def file_rows(upload: BulkUpload) -> Iterator[tuple[int, list[str]]]:
    """(row number in the file, cells) of every non-empty row, header included."""
    # A handle of its own from the storage: the file is read twice at once (counting, then processing).
    name = cast(str, upload.file.name)  # a saved upload always has its file
    with upload.file.storage.open(name, "rb") as handle:
        reader = _xlsx_rows(handle) if upload.file_format == "xlsx" else _csv_rows(handle)
        for number, cells in enumerate(reader, start=1):
            if any(cells):
                yield number, cells


def column_map(first_row: list[str]) -> dict[str, int] | None:
    """Column positions from a header row, or None when the first row is data."""
    names = [cell.strip().lower().replace(" ", "_") for cell in first_row]
    mapping = {
        HEADER_NAMES[name]: index for index, name in reversed(list(enumerate(names))) if name in HEADER_NAMES
    }
    return mapping or None


def listing_from_row(cells: list[str], columns: dict[str, int] | None) -> ListingInput:
    """One row as a listing; RowError names the column and the problem."""

    def get(name: str, position: int | None) -> str:
        index = columns.get(name) if columns is not None else position
        return cells[index].strip() if index is not None and index < len(cells) else ""

    url = get("url", None)
    listing_ref = get("listing_ref", None)
    target = get("target", 0 if columns is None else None)
    store_ref = get("store_ref", 1)
    store_name = get("store_name", 2)
    if target:
        if _SCHEME.match(target):
            url = url or target
        else:
            listing_ref = listing_ref or target
    if not url and not listing_ref:
        raise RowError("listing", "required", _("Give the listing URL or the listing id."))
    if url:
        if len(url) > Listing._meta.get_field("url").max_length:  # type: ignore[operator]  # the url field declares a max_length
            raise RowError("url", "max_length", _("The listing URL is longer than 500 characters."))
        try:
            _url_validator(url)
        except ValidationError:
            raise RowError(
                "url", "invalid", _("“%(value)s” is not a valid web address.") % {"value": url[:80]}
            ) from None
    if len(listing_ref) > 120:
        raise RowError("listing_ref", "max_length", _("The listing id is longer than 120 characters."))
    if not store_ref:
        raise RowError("store_ref", "required", _("Give the store id."))
    if len(store_ref) > 120:
        raise RowError("store_ref", "max_length", _("The store id is longer than 120 characters."))
    if len(store_name) > 200:
        raise RowError("store_name", "max_length", _("The store name is longer than 200 characters."))
    for value in (url, listing_ref, store_ref, store_name):
        if "\x00" in value:
            raise RowError("listing", "invalid", _("The row contains a NUL character."))
    return ListingInput(url=url, listing_ref=listing_ref, store_ref=store_ref, store_name=store_name)


# Services


def _fail(upload_id: int, message: str) -> None:
    BulkUpload.objects.filter(pk=upload_id).update(
        status=BulkUploadStatus.FAILED, failure=message, finished_at=timezone.now()
    )


def bulk_upload_process(*, upload_id: int) -> BulkUpload | None:
    """Read a queued (or interrupted) upload to the end. Safe to run again: it resumes, never repeats."""
    claimed = BulkUpload.objects.filter(
        pk=upload_id, status__in=[BulkUploadStatus.QUEUED, BulkUploadStatus.RUNNING]
    ).update(status=BulkUploadStatus.RUNNING)
    if not claimed:
        return BulkUpload.objects.filter(pk=upload_id).first()
    upload = BulkUpload.objects.get(pk=upload_id)
    limit = settings.IPRGOV_BULK_MAX_ROWS
    batch_size = settings.IPRGOV_BULK_BATCH_ROWS
    try:
        rows = file_rows(upload)
        first = next(rows, None)
        columns = column_map(first[1]) if first else None
        if upload.total_rows is None:
            total = sum(1 for _ in file_rows(upload)) - (1 if columns else 0)
            if total > limit:
                _fail(
                    upload.pk,
                    _("The file has %(rows)d rows; at most %(max)d are accepted per file.")
                    % {"rows": total, "max": limit},
                )
                return BulkUpload.objects.get(pk=upload.pk)
            upload.total_rows = total
            BulkUpload.objects.filter(pk=upload.pk).update(total_rows=total)
        data_rows: Iterator[tuple[int, list[str]]] = rows if columns else _chain_first(first, rows)
        skip = upload.processed_rows
        batch: list[tuple[int, list[str]]] = []
        offset = skip
        for index, row in enumerate(data_rows):
            if index < skip:
                continue
            batch.append(row)
            if len(batch) >= batch_size:
                if not _process_batch(upload.pk, upload.complaint_id, offset, batch, columns):
                    return BulkUpload.objects.get(pk=upload.pk)  # another worker is ahead: it finishes
                offset += len(batch)
                batch = []
        if batch and not _process_batch(upload.pk, upload.complaint_id, offset, batch, columns):
            return BulkUpload.objects.get(pk=upload.pk)
    except BulkFileError as exc:
        _fail(upload.pk, str(exc))
    else:
        BulkUpload.objects.filter(pk=upload.pk, status=BulkUploadStatus.RUNNING).update(
            status=BulkUploadStatus.DONE, finished_at=timezone.now()
        )
    return BulkUpload.objects.get(pk=upload.pk)


def _chain_first(
    first: tuple[int, list[str]] | None, rest: Iterator[tuple[int, list[str]]]
) -> Iterator[tuple[int, list[str]]]:
    if first is not None:
        yield first
    yield from rest


@transaction.atomic
def _process_batch(
    upload_id: int,
    complaint_id: int,
    offset: int,
    batch: list[tuple[int, list[str]]],
    columns: dict[str, int] | None,
) -> bool:
    """Add one batch, the rows from `offset` on; False (and nothing done) when the upload has already
    moved past `offset`, i.e. a redelivered task meets the rows another worker committed.

    The upload row is locked for the batch, so two workers never take the same rows and the counters
    are never added to twice.
    """
    processed = (
        BulkUpload.objects.select_for_update().values_list("processed_rows", flat=True).get(pk=upload_id)
    )
    if processed != offset:
        return False
    complaint = Complaint.objects.select_for_update().get(pk=complaint_id)
    if complaint.status != ComplaintStatus.DRAFT:
        raise BulkFileError(_("The complaint was submitted or withdrawn while the file was being read."))
    good: list[ListingInput] = []
    errors: list[BulkUploadRowError] = []
    for number, cells in batch:
        try:
            good.append(listing_from_row(cells, columns))
        except RowError as exc:
            errors.append(
                BulkUploadRowError(
                    upload_id=upload_id,
                    row_number=number,
                    field=exc.field,
                    code=exc.code,
                    message=str(exc.message)[:300],
                    values=[cell[:500] for cell in cells[:10]],
                )
            )
    added = complaint_add_listings(complaint=complaint, listings=good)
    BulkUploadRowError.objects.bulk_create(errors, ignore_conflicts=True)
    BulkUpload.objects.filter(pk=upload_id).update(
        processed_rows=F("processed_rows") + len(batch),
        good_rows=F("good_rows") + len(good),
        bad_rows=F("bad_rows") + len(errors),
        added_listings=F("added_listings") + added,
    )
    return True
