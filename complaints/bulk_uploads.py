"""A bulk upload's life as the rightsholder sees it: the file judged and queued, a failed upload started
again, and the report of its refused rows. Reading the file is complaints.bulk's (run by the worker)."""

import csv
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
from complaints.models import BulkUpload, BulkUploadStatus, Complaint, ComplaintStatus
from complaints.services import rightsholder_org
from complaints.tasks import enqueue_bulk_upload
from complaints.uploads import display_name


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


def error_report_rows(upload: BulkUpload) -> Iterator[list[str]]:
    """The refused rows as CSV rows: row number, column, code, problem, then the values as given.

    A value that a spreadsheet would run as a formula is prefixed with an apostrophe.
    """
    yield ["row", "column", "code", "problem", "values"]
    for error in upload.row_errors.order_by("row_number").iterator(chunk_size=2000):
        values = [f"'{v}" if v[:1] in ("=", "+", "-", "@", "\t", "\r") else v for v in error.values]
        yield [str(error.row_number), error.field, error.code, error.message, *values]


class _Echo:
    def write(self, value: str) -> str:
        return value


def error_report_csv(upload: BulkUpload) -> Iterator[str]:
    writer = csv.writer(_Echo())
    for row in error_report_rows(upload):
        yield writer.writerow(row)
