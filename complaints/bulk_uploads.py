"""A bulk upload's life as the rightsholder sees it: the file accepted and queued, and the report of its
refused rows. Reading the file is complaints.bulk's (run by the worker)."""

import csv
import hashlib
import uuid
from collections.abc import Iterator
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from complaints.models import BulkUpload, BulkUploadStatus, Complaint, ComplaintStatus
from complaints.services import rightsholder_org
from complaints.tasks import enqueue_bulk_upload
from complaints.uploads import _zip_office_kind, display_name


def _file_format(upload: UploadedFile) -> str:
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if head.startswith(b"PK\x03\x04"):
        kind = _zip_office_kind(upload)
        upload.seek(0)
        if kind == "xlsx":
            return "xlsx"
        raise ValidationError({"file": _("Upload a CSV or an XLSX file.")}, code="file_type")
    if b"\x00" in head:
        raise ValidationError({"file": _("Upload a CSV or an XLSX file.")}, code="file_type")
    return "csv"


@transaction.atomic
def bulk_upload_start(*, actor: User, complaint_id: int, upload: UploadedFile) -> tuple[BulkUpload, bool]:
    """Store the file and queue it; returns (upload, created).

    The same content uploaded again to the same complaint returns the first upload (created False)
    unless that one failed.
    """
    org = rightsholder_org(actor)
    complaint = Complaint.objects.select_for_update().get(pk=complaint_id, filed_by_org=org)
    if complaint.status != ComplaintStatus.DRAFT:
        raise ValidationError(_("A submitted complaint cannot be changed."), code="immutable")
    if not upload.size:
        raise ValidationError({"file": _("The file is empty.")}, code="empty")
    if upload.size > settings.IPRGOV_BULK_MAX_BYTES:
        raise ValidationError(
            {"file": _("The file is larger than %(max)d bytes.") % {"max": settings.IPRGOV_BULK_MAX_BYTES}}
        )
    file_format = _file_format(upload)
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
