"""A bulk upload's life as the rightsholder sees it: the file judged and queued, a failed upload started
again, and the report of the rows that added no listing (duplicates and refused rows). Reading the file is
complaints.bulk's (run by the worker)."""

import hashlib
import uuid
from collections.abc import Iterator
from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from complaints.bulk_inspection import bulk_file_format
from complaints.bulk_limits import figure
from complaints.models import BulkUpload, BulkUploadStatus, Complaint, ComplaintStatus
from complaints.services import rightsholder_org
from complaints.tasks import enqueue_bulk_upload
from complaints.uploads import display_name
from iprgov.csv_export import csv_stream


def _draft_or_refuse(complaint: Complaint) -> None:
    if complaint.status != ComplaintStatus.DRAFT:
        raise ValidationError(_("A submitted complaint cannot be changed."), code="immutable")


@transaction.atomic
def bulk_upload_start(*, actor: User, complaint_id: int, upload: UploadedFile) -> tuple[BulkUpload, bool]:
    """Judge the file by what it declares, store it and queue it; returns (upload, created).

    The same content uploaded again to the same complaint returns the first upload (created False)
    unless that one failed: then it is a fresh upload.
    """
    org = rightsholder_org(actor)
    complaint = Complaint.objects.select_for_update().get(pk=complaint_id, filed_by_org=org)
    _draft_or_refuse(complaint)
    file_format = bulk_file_format(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    sha256 = digest.hexdigest()
    existing = complaint.bulk_uploads.filter(sha256=sha256).exclude(status=BulkUploadStatus.FAILED).first()
    if existing is not None:
        return existing, False
    original_name = display_name(upload.name or "listings")
    upload.name = f"{uuid.uuid4().hex}.{file_format}"
    bulk = BulkUpload.objects.create(
        complaint=complaint,
        uploaded_by=actor,
        file=upload,
        original_name=original_name,
        file_format=file_format,
        sha256=sha256,
    )
    audit_record(actor=actor, subject=complaint, action="bulk_upload_started", note=original_name)
    transaction.on_commit(partial(enqueue_bulk_upload, bulk.pk))
    return bulk, True


@transaction.atomic
def bulk_upload_retry(*, actor: User, upload_id: int) -> BulkUpload:
    """Queue a failed upload again; it resumes after its last committed batch (what it added stays, and
    nothing is added twice). Only a failed upload of a draft can be started again."""
    org = rightsholder_org(actor)
    upload = (
        BulkUpload.objects.select_for_update(of=("self",))
        .select_related("complaint")
        .get(pk=upload_id, complaint__filed_by_org=org)
    )
    _draft_or_refuse(upload.complaint)
    if upload.status != BulkUploadStatus.FAILED:
        raise ValidationError(_("Only a failed upload can be started again."), code="conflict")
    upload.status = BulkUploadStatus.QUEUED
    upload.failure = ""
    upload.finished_at = None
    upload.attempts = 0
    upload.heartbeat_at = timezone.now()
    upload.save(update_fields=["status", "failure", "finished_at", "attempts", "heartbeat_at"])
    audit_record(
        actor=actor, subject=upload.complaint, action="bulk_upload_retried", note=upload.original_name
    )
    transaction.on_commit(partial(enqueue_bulk_upload, upload.pk))
    return upload


def bulk_upload_summary(upload: BulkUpload) -> str:
    """What became of a finished upload's rows, in words; every row read is one of the three."""
    if upload.status == BulkUploadStatus.FAILED:
        return _("“%(file)s” could not be read to the end: %(reason)s") % {
            "file": upload.original_name,
            "reason": upload.failure,
        }
    return _(
        "“%(file)s” was read. Rows: %(rows)s; listings added: %(added)s; duplicates: %(duplicates)s; "
        "refused: %(refused)s."
    ) % {
        "file": upload.original_name,
        "rows": figure(upload.processed_rows),
        "added": figure(upload.added_listings),
        "duplicates": figure(upload.duplicate_rows),
        "refused": figure(upload.bad_rows),
    }


def error_report_rows(upload: BulkUpload) -> Iterator[list[object]]:
    """The rows that added no listing, as CSV rows under a header naming every column: the row, the column
    at fault, the code, the problem, the earlier row a duplicate repeats, then the values as given, headed
    by the file's own column names (so that the report, corrected, can be uploaded again)."""
    columns = upload.column_names
    yield ["row", "column", "code", "problem", "repeats_row", *columns]
    padding = [""] * len(columns)
    for error in upload.row_errors.order_by("row_number").iterator(chunk_size=2000):
        values = (list(error.values) + padding)[: len(columns)]
        yield [error.row_number, error.field, error.code, error.message, error.repeats_row or "", *values]


def error_report_csv(upload: BulkUpload) -> Iterator[str]:
    return csv_stream(error_report_rows(upload))
