"""Bulk filing: a CSV or XLSX file of up to IPRGOV_BULK_MAX_ROWS listings added to a draft by a worker.

The file is read (complaints.bulk_reading, within complaints.bulk_limits) in batches of
IPRGOV_BULK_BATCH_ROWS rows. Each batch commits its good rows, its row errors, the progress counters and
the heartbeat together, so a worker that dies resumes after the last committed batch, bad rows never hold
back good ones, and a file uploaded twice adds nothing the second time (the same content is recognised by
its SHA-256; repeated listings are refused by a unique constraint).

A worker takes an upload that is queued, or running with no heartbeat for IPRGOV_BULK_STALE_AFTER (its
worker is gone); one that is running with a fresh heartbeat is left to its worker, so a duplicate message
changes nothing. complaints.bulk_recovery notices uploads that no worker holds.

Columns: the listing (URL or the platform's listing id), the store id, optionally the store name. A
first row naming the columns (url, listing_ref, listing, store_ref, store_id, store_name) is read as a
header and may put them in any order.
"""

import logging
import re
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from itertools import islice

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import DatabaseError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints.bulk_limits import BulkFileError, figure
from complaints.bulk_reading import file_rows
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

UNFINISHED = (BulkUploadStatus.QUEUED, BulkUploadStatus.RUNNING)

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


@dataclass(frozen=True)
class RowError(Exception):
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


def stale_heartbeat(now: datetime) -> Q:
    """Uploads whose worker is gone: no heartbeat for IPRGOV_BULK_STALE_AFTER, or let go after an error."""
    return Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lt=now - settings.IPRGOV_BULK_STALE_AFTER)


def _claim(upload_id: int) -> bool:
    """Take the upload for this worker: queued, or running with a stale heartbeat, and started fewer than
    IPRGOV_BULK_MAX_ATTEMPTS times. A conditional update, so two workers never both take it."""
    now = timezone.now()
    claimable = Q(status=BulkUploadStatus.QUEUED) | (
        Q(status=BulkUploadStatus.RUNNING) & stale_heartbeat(now)
    )
    return bool(
        BulkUpload.objects.filter(
            claimable, pk=upload_id, attempts__lt=settings.IPRGOV_BULK_MAX_ATTEMPTS
        ).update(status=BulkUploadStatus.RUNNING, attempts=F("attempts") + 1, heartbeat_at=now)
    )


def _fail(upload_id: int, message: str) -> None:
    BulkUpload.objects.filter(pk=upload_id, status__in=UNFINISHED).update(
        status=BulkUploadStatus.FAILED, failure=message, finished_at=timezone.now()
    )


def _let_go(upload_id: int) -> None:
    """After an unexpected error: clear the heartbeat, so that the task's retry or the watchdog may start
    the upload again at once (the watchdog gives up after IPRGOV_BULK_MAX_ATTEMPTS)."""
    with suppress(DatabaseError):  # with the database gone, the heartbeat goes stale by itself
        BulkUpload.objects.filter(pk=upload_id, status=BulkUploadStatus.RUNNING).update(heartbeat_at=None)


def bulk_upload_process(*, upload_id: int) -> BulkUpload | None:
    """Read a queued (or abandoned) upload to the end. Safe to run again: it resumes, never repeats, and
    leaves alone an upload that another worker is reading.

    A file that cannot be read or passes a limit ends failed, with the reason. Any other error is raised
    after letting go of the upload.
    """
    if not _claim(upload_id):
        return BulkUpload.objects.filter(pk=upload_id).first()
    try:
        _read_to_the_end(BulkUpload.objects.get(pk=upload_id))
    except BulkFileError as exc:
        log.info("Bulk upload %s failed: %s", upload_id, exc)
        _fail(upload_id, str(exc))
    except Exception:
        _let_go(upload_id)
        raise
    return BulkUpload.objects.get(pk=upload_id)


def _read_to_the_end(upload: BulkUpload) -> None:
    rows = file_rows(upload)
    first = next(rows, None)
    columns = column_map(first[1]) if first else None
    if upload.total_rows is None:
        # A first pass before any listing is added: a file over a limit fails whole.
        total = sum(1 for _ in file_rows(upload)) - (1 if columns else 0)
        limit = settings.IPRGOV_BULK_MAX_ROWS
        if total > limit:
            raise BulkFileError(
                _("The file has %(rows)s rows; at most %(max)s are accepted per file.")
                % {"rows": figure(total), "max": figure(limit)},
                code="too_many_rows",
            )
        upload.total_rows = total
        BulkUpload.objects.filter(pk=upload.pk).update(total_rows=total)
    data_rows: Iterator[tuple[int, list[str]]] = rows if columns else _chain_first(first, rows)
    batch_size = settings.IPRGOV_BULK_BATCH_ROWS
    offset = upload.processed_rows
    batch: list[tuple[int, list[str]]] = []
    for row in islice(data_rows, offset, None):
        batch.append(row)
        if len(batch) >= batch_size:
            if not _process_batch(upload.pk, upload.complaint_id, offset, batch, columns):
                return  # another worker is ahead: it finishes
            offset += len(batch)
            batch = []
    if batch and not _process_batch(upload.pk, upload.complaint_id, offset, batch, columns):
        return
    BulkUpload.objects.filter(pk=upload.pk, status__in=UNFINISHED).update(
        status=BulkUploadStatus.DONE, finished_at=timezone.now()
    )


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
    """Add one batch, the rows from `offset` on, and beat the heartbeat; False (and nothing done) when the
    upload has already moved past `offset` (a redelivered task meets the rows another worker committed) or
    is no longer unfinished (the watchdog gave it up).

    The upload row is locked for the batch, so two workers never take the same rows and the counters
    are never added to twice.
    """
    processed, status = (
        BulkUpload.objects.select_for_update().values_list("processed_rows", "status").get(pk=upload_id)
    )
    if processed != offset or status not in UNFINISHED:
        return False
    complaint = Complaint.objects.select_for_update().get(pk=complaint_id)
    if complaint.status != ComplaintStatus.DRAFT:
        raise BulkFileError(
            _("The complaint was submitted or withdrawn while the file was being read."), code="immutable"
        )
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
        # Running again if the watchdog had queued it meanwhile: its message then finds a live worker.
        status=BulkUploadStatus.RUNNING,
        heartbeat_at=timezone.now(),
    )
    return True
