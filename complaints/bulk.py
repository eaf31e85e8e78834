"""Bulk filing: a CSV or XLSX file of up to IPRGOV_BULK_MAX_ROWS listings added to a draft by a worker.

The file is read (complaints.bulk_reading, within complaints.bulk_limits) in batches of
IPRGOV_BULK_BATCH_ROWS rows. Each batch commits its good rows, its row errors, the progress counters and
the heartbeat together, so a worker that dies resumes after the last committed batch, bad rows never hold
back good ones, and a file uploaded twice adds nothing the second time (the same content is recognised by
its SHA-256; a listing already in the complaint is a duplicate).

A worker takes an upload that is queued, or running with no heartbeat for IPRGOV_BULK_STALE_AFTER (its
worker is gone); one that is running with a fresh heartbeat is left to its worker, so a duplicate message
changes nothing. complaints.bulk_recovery notices uploads that no worker holds.

The columns and the checks of a row are those of complaints.listing_rows. Every row read is accounted
for: it adds a listing, or it is a duplicate (it names a listing the complaint already has, from an earlier
row of the file or from before), or it is refused; duplicates and refused rows are listed in the errors
report, with the row they repeat or the reason. So processed_rows = added_listings + duplicate_rows +
bad_rows, batch by batch.
"""

import logging
from collections.abc import Iterator
from contextlib import suppress
from datetime import datetime
from itertools import islice

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints.bulk_limits import BulkFileError, figure
from complaints.bulk_reading import file_rows
from complaints.listing_rows import POSITIONAL, RowError, checked_rows, column_map, row_values
from complaints.models import (
    BulkUpload,
    BulkUploadRowError,
    BulkUploadStatus,
    Complaint,
    ComplaintStatus,
)
from complaints.services import Earlier, ListingInput, complaint_add_listings

log = logging.getLogger(__name__)

UNFINISHED = (BulkUploadStatus.QUEUED, BulkUploadStatus.RUNNING)


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
        # The errors report heads the values with these, so it can be corrected and uploaded again.
        upload.column_names = _column_names(first[1]) if first and columns else list(POSITIONAL)
        BulkUpload.objects.filter(pk=upload.pk).update(total_rows=total, column_names=upload.column_names)
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


def _column_names(header: list[str]) -> list[str]:
    """The header's cells up to the last one that names something."""
    used = max((index + 1 for index, cell in enumerate(header) if cell), default=0)
    return header[:used]


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
    upload = BulkUpload.objects.select_for_update().get(pk=upload_id)
    if upload.processed_rows != offset or upload.status not in UNFINISHED:
        return False
    complaint = Complaint.objects.select_for_update().get(pk=complaint_id)
    if complaint.status != ComplaintStatus.DRAFT:
        raise BulkFileError(
            _("The complaint was submitted or withdrawn while the file was being read."), code="immutable"
        )
    cells_of = dict(batch)
    checked = checked_rows((number, row_values(cells, columns)) for number, cells in batch)
    good = [(number, listing) for number, listing in checked if isinstance(listing, ListingInput)]
    added = complaint_add_listings(
        complaint=complaint, listings=[listing for _number, listing in good], upload=upload
    )
    refused = [
        _row_error(upload, number, cells_of[number], problem)
        for number, problem in checked
        if isinstance(problem, RowError)
    ]
    repeated = [
        _row_error(
            upload,
            good[index][0],
            cells_of[good[index][0]],
            RowError("listing", "duplicate", _repeat_message(upload, earlier)),
            repeats_row=earlier.row if earlier.upload_id == upload.pk else None,
        )
        for index, earlier in added.repeats.items()
    ]
    BulkUploadRowError.objects.bulk_create(refused + repeated, ignore_conflicts=True)
    BulkUpload.objects.filter(pk=upload_id).update(
        processed_rows=F("processed_rows") + len(batch),
        good_rows=F("good_rows") + len(good),
        bad_rows=F("bad_rows") + len(refused),
        duplicate_rows=F("duplicate_rows") + len(repeated),
        added_listings=F("added_listings") + added.added,
        # Running again if the watchdog had queued it meanwhile: its message then finds a live worker.
        status=BulkUploadStatus.RUNNING,
        heartbeat_at=timezone.now(),
    )
    return True


def _row_error(
    upload: BulkUpload, number: int, cells: list[str], problem: RowError, repeats_row: int | None = None
) -> BulkUploadRowError:
    return BulkUploadRowError(
        upload_id=upload.pk,
        row_number=number,
        field=problem.field,
        code=problem.code,
        message=problem.message[:300],
        repeats_row=repeats_row,
        # The cells of the columns read, as given: the errors report heads them with the file's columns.
        values=[cell[:500] for cell in cells[: len(upload.column_names)]],
    )


def _repeat_message(upload: BulkUpload, earlier: Earlier) -> str:
    if earlier.upload_id == upload.pk and earlier.row is not None:
        return _("Repeats row %(row)s: the listing is added once.") % {"row": figure(earlier.row)}
    if earlier.upload_id is not None and earlier.row is not None:
        return _("Already in the complaint, from row %(row)s of “%(file)s”.") % {
            "row": figure(earlier.row),
            "file": earlier.upload_name,
        }
    return _("Already in the complaint.")
