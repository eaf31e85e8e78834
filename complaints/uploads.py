"""Checks on files that rightsholders upload (certificates, evaluation reports, evidence).

A file is accepted by what its first bytes say it is, never by its name: a renamed executable stays
out. An accepted file is stored under a random name with the extension of its real kind, so nothing a
user typed ends up in a path on disk; the name the user gave is kept only for display.
"""

import mimetypes
import uuid
import zipfile
from http import HTTPStatus
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import mail_admins
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from audit.actors import SYSTEM
from audit.services import audit_record
from iprgov.file_integrity import FileState, copy_verified

SNIFF_BYTES = 16

# Office Open XML and OpenDocument files are ZIP archives; the part names inside tell which is which.
_OOXML_PARTS = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}
_ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}

NOT_ACCEPTED = _("%(name)s: this kind of file is not accepted (PDF, images, Office documents).")
TOO_LARGE = _("%(name)s is %(size)s; files may be at most %(limit)s.")
EMPTY = _("%(name)s is empty.")


def zip_office_kind(stream: IO[bytes]) -> str | None:
    """The extension of a ZIP-based office document, or None for any other archive.

    Only the archive's directory is read (no member is decompressed except the tiny ODF `mimetype`),
    so a crafted archive cannot make this expensive.
    """
    try:
        with zipfile.ZipFile(stream) as archive:
            names = archive.namelist()
            if "[Content_Types].xml" in names:
                for prefix, extension in _OOXML_PARTS.items():
                    if any(name.startswith(prefix) for name in names):
                        return extension
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 100:
                return _ODF_MIMETYPES.get(archive.read("mimetype").strip())
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None


def sniff_extension(upload: UploadedFile) -> str | None:
    """The extension of the file's real kind from its content, or None when the kind is not accepted."""
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    extension: str | None = None
    if head.startswith(b"%PDF-"):
        extension = "pdf"
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        extension = "png"
    elif head.startswith(b"\xff\xd8\xff"):
        extension = "jpg"
    elif head.startswith((b"GIF87a", b"GIF89a")):
        extension = "gif"
    elif head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        extension = "webp"
    elif head.startswith(b"PK\x03\x04"):
        extension = zip_office_kind(upload)
        upload.seek(0)
    return extension


def display_name(name: str) -> str:
    """The user's file name reduced to something safe to show and to offer as a download name."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in base if ch.isprintable() and ch not in '"<>|:*?').strip(" .")
    return cleaned[:255] or "file"


def checked_upload(upload: UploadedFile) -> UploadedFile:
    """Validate an upload and prepare it for storage.

    Raises ValidationError (naming the file) when it is empty, larger than IPRGOV_MAX_UPLOAD_BYTES or
    not of an accepted kind. Afterwards `upload.name` is a random name with the extension of the
    sniffed kind and `upload.original_name` holds the name the user gave, cleaned for display.
    """
    original = display_name(upload.name or "")
    limit = settings.IPRGOV_MAX_UPLOAD_BYTES
    if not upload.size:
        raise ValidationError(EMPTY, code="empty", params={"name": original})
    if upload.size > limit:
        raise ValidationError(
            TOO_LARGE,
            code="too_large",
            params={"name": original, "size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    extension = sniff_extension(upload)
    if extension is None:
        raise ValidationError(NOT_ACCEPTED, code="file_type", params={"name": original})
    upload.original_name = original  # type: ignore[attr-defined]  # read by complaints.services
    upload.name = get_valid_filename(f"{uuid.uuid4().hex}.{extension}")
    return upload


def attachment_response(stored: FieldFile, original_name: str) -> HttpResponse | FileResponse:
    """A stored upload as a private attachment named after its original, with the extension of its real kind.

    The caller has already checked that the user may see the file. The bytes served are the bytes checked
    against the SHA-256 recorded at upload: a file that no longer matches (or was never recorded) is
    refused with a 409 page, never served, and operators are told (a mail to ADMINS and an audit entry).
    """
    if not stored:
        raise Http404
    state, content = copy_verified(stored)
    if state == FileState.MISSING:
        raise Http404
    if content is None:
        file_integrity_report(stored, state)
        return render(
            None,
            "file_integrity_refused.html",
            {"state": state, "name": display_name(original_name)},
            status=HTTPStatus.CONFLICT,
        )
    name = stored.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    filename = display_name(original_name)
    if extension and not filename.lower().endswith(f".{extension}"):
        # Offer the extension of the file's real kind, so it opens in the program that matches its content.
        filename = f"{filename}.{extension}"
    content_type = mimetypes.guess_type(f"x.{extension}")[0] or "application/octet-stream"
    response = FileResponse(content, as_attachment=True, filename=filename, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return response


def file_integrity_report(stored: FieldFile, state: FileState) -> None:
    """Tell operators that a stored file is not what was recorded: a mail to ADMINS and an audit entry."""
    instance = stored.instance
    what = f"{instance._meta.label} #{instance.pk} {stored.field.name} ({stored.name}): {state}"
    audit_record(actor=SYSTEM, subject=instance, action="file_integrity_failed", note=what)
    mail_admins(
        "Stored file refused: its content does not match its SHA-256",
        f"{what}\nThe file was not served. Compare it with a backup and run `manage.py verify_files`.",
    )
