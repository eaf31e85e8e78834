"""A bulk file judged by what it declares, in the web request, before any of its rows is read.

CSV: its lines are counted and measured, nothing more. XLSX: the archive's directory (what each member
unpacks to, and how much smaller it was packed) and the first sheet's <dimension>; only the archive's
few small structural parts are parsed, through defusedxml. A file refused here costs milliseconds; what
the worker later reads is bounded again by the same limits (complaints.bulk_reading), because a
declaration can lie.
"""

import io
import posixpath
import struct
import zipfile
from collections.abc import Iterator
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring, iterparse
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl.utils.cell import range_boundaries

from complaints.bulk_limits import BulkFileError, BulkLimits, figure, too_many_rows
from complaints.bulk_reading import csv_lines, not_utf8
from complaints.uploads import zip_office_kind

SNIFF_BYTES = 8192
ZIP_MAGIC = b"PK\x03\x04"
# The end-of-central-directory record: 22 bytes, then a comment of up to 65,535.
_END_OF_DIRECTORY = b"PK\x05\x06"
_END_OF_DIRECTORY_BYTES = 22 + 65535
# A spreadsheet's directory and its structural parts (relationships, the workbook part) are a few KiB.
_STRUCTURE_MAX_BYTES = 1024 * 1024
# A member this small costs little whatever its ratio (tiny XML parts pack very well).
_RATIO_FLOOR_BYTES = 1024 * 1024
# The dimension comes before the sheet's data; this much of the sheet is enough to find it.
_SHEET_HEAD_BYTES = 64 * 1024


def bulk_file_format(upload: UploadedFile) -> str:
    """The format of a file within the limits by what it declares: "csv" or "xlsx".

    Raises ValidationError on the field "file", with a code, for an empty, oversized or unreadable file
    and for one declaring more than the limits allow. The file is left at its start.
    """
    if not upload.size:
        raise _refused(_("The file is empty."), "empty")
    if upload.size > settings.IPRGOV_BULK_MAX_BYTES:
        raise _refused(
            _("The file is larger than %(max)d bytes.") % {"max": settings.IPRGOV_BULK_MAX_BYTES},
            "too_large",
        )
    limits = BulkLimits.from_settings()
    try:
        upload.seek(0)
        head = upload.read(SNIFF_BYTES)
        if head.startswith(ZIP_MAGIC):
            _check_xlsx(upload, limits)
            return "xlsx"
        if b"\x00" in head:
            raise _not_csv_or_xlsx()
        _check_csv(upload, limits)
        return "csv"
    except BulkFileError as exc:
        raise _refused(str(exc), exc.code) from exc
    finally:
        upload.seek(0)


def _refused(message: str, code: str) -> ValidationError:
    return ValidationError({"file": ValidationError(message, code=code)})


def _not_csv_or_xlsx() -> BulkFileError:
    return BulkFileError(_("Upload a CSV or an XLSX file."), code="file_type")


def _unreadable() -> BulkFileError:
    return BulkFileError(_("The spreadsheet cannot be read."), code="unreadable")


# CSV


def _check_csv(upload: UploadedFile, limits: BulkLimits) -> None:
    upload.seek(0)
    text = io.TextIOWrapper(upload, encoding="utf-8-sig", newline="")
    lines = 0
    try:
        for line in csv_lines(text, limits):
            lines += bool(line.strip())
            if lines > limits.rows + 1:  # a header may come first
                raise too_many_rows(limits)
    except UnicodeDecodeError as exc:
        raise not_utf8(exc) from exc
    finally:
        text.detach()  # the upload stays open for storing


# XLSX


def _check_xlsx(upload: UploadedFile, limits: BulkLimits) -> None:
    _check_directory_size(upload)
    upload.seek(0)
    if zip_office_kind(upload) != "xlsx":
        raise _not_csv_or_xlsx()
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            _check_unpacked_sizes(archive.infolist(), limits)
            dimension = _declared_dimension(archive, _first_sheet(archive))
    except (zipfile.BadZipFile, KeyError, ParseError, DefusedXmlException, ValueError) as exc:
        raise _unreadable() from exc
    if dimension is None:
        return
    rows, columns = dimension
    if rows > limits.rows + 1:  # a header may come first
        raise BulkFileError(
            _("The sheet declares %(rows)s rows; at most %(max)s are accepted per file.")
            % {"rows": figure(rows), "max": figure(limits.rows)},
            code="too_many_rows",
        )
    if columns > limits.columns:
        raise BulkFileError(
            _("The sheet declares %(columns)s columns; at most %(max)s are read.")
            % {"columns": figure(columns), "max": figure(limits.columns)},
            code="too_many_columns",
        )
    if rows * columns > limits.cells:
        raise BulkFileError(
            _("The sheet declares %(cells)s cells; at most %(max)s are read from one file.")
            % {"cells": figure(rows * columns), "max": figure(limits.cells)},
            code="too_many_cells",
        )


def _check_directory_size(upload: UploadedFile) -> None:
    """Refuse an archive whose directory is larger than a spreadsheet's before zipfile reads it entry by
    entry (a directory of a million empty entries fits in a permitted upload)."""
    end = upload.seek(0, io.SEEK_END)
    upload.seek(max(0, end - _END_OF_DIRECTORY_BYTES))
    tail = upload.read()
    at = tail.rfind(_END_OF_DIRECTORY)
    if at < 0 or len(tail) - at < 22:
        raise _unreadable()
    (directory_bytes,) = struct.unpack_from("<I", tail, at + 12)
    if directory_bytes > _STRUCTURE_MAX_BYTES:  # also a ZIP64 archive, which marks the size 0xFFFFFFFF
        raise BulkFileError(
            _("The spreadsheet lists more parts than a spreadsheet has."), code="too_many_parts"
        )


def _check_unpacked_sizes(members: list[zipfile.ZipInfo], limits: BulkLimits) -> None:
    """Sizes as the directory declares them: zipfile never unpacks more than a member's declared size
    (it stops there and reports a damaged archive), so the declaration bounds what any reader gets."""
    for member in members:
        ratio = member.file_size // max(member.compress_size, 1)
        if member.file_size > _RATIO_FLOOR_BYTES and ratio > limits.zip_ratio:
            raise BulkFileError(
                _(
                    "A part of the spreadsheet unpacks to %(ratio)s times its packed size; at most "
                    "%(max)s times is accepted, so the file is refused as a compression bomb."
                )
                % {"ratio": figure(ratio), "max": figure(limits.zip_ratio)},
                code="zip_ratio",
            )
    unpacked = sum(member.file_size for member in members)
    if unpacked > limits.unzipped_bytes:
        raise BulkFileError(
            _("The spreadsheet unpacks to %(size)s; at most %(max)s are accepted.")
            % {"size": filesizeformat(unpacked), "max": filesizeformat(limits.unzipped_bytes)},
            code="unzipped_too_large",
        )


def _local(name: str) -> str:
    """An XML name without its namespace: transitional and strict spreadsheets name the same parts."""
    return name.rsplit("}", 1)[-1]


def _structure(archive: zipfile.ZipFile, member: str) -> Element:
    info = archive.getinfo(member)
    if info.file_size > _STRUCTURE_MAX_BYTES:
        raise _unreadable()
    return fromstring(archive.read(info))


def _relationships(archive: zipfile.ZipFile, part: str) -> Iterator[tuple[str, str, str]]:
    """(id, type, member name) of each relationship of a part ("" for the package itself)."""
    folder, name = posixpath.split(part)
    for element in _structure(archive, posixpath.join(folder, "_rels", f"{name}.rels")).iter():
        if _local(element.tag) != "Relationship":
            continue
        target = element.get("Target", "")
        member = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        yield element.get("Id", ""), element.get("Type", ""), member


def _first_sheet(archive: zipfile.ZipFile) -> str:
    """The member holding the workbook's first worksheet: the one openpyxl reads as worksheets[0]."""
    workbook = next(
        (member for _id, kind, member in _relationships(archive, "") if kind.endswith("/officeDocument")),
        None,
    )
    if workbook is None:
        raise _unreadable()
    worksheets = {
        rel_id: member
        for rel_id, kind, member in _relationships(archive, workbook)
        if kind.endswith("/worksheet")
    }
    for element in _structure(archive, workbook).iter():
        if _local(element.tag) == "sheet":
            rel_id = next((value for key, value in element.attrib.items() if _local(key) == "id"), "")
            if rel_id in worksheets:
                return worksheets[rel_id]
    raise _unreadable()


def _declared_dimension(archive: zipfile.ZipFile, sheet: str) -> tuple[int, int] | None:
    """(last row, last column) the sheet's <dimension> declares, or None when it declares none."""
    with archive.open(sheet) as stream:
        head = stream.read(_SHEET_HEAD_BYTES)
    try:
        for _event, element in iterparse(io.BytesIO(head), events=("start",)):
            name = _local(element.tag)
            if name == "sheetData":
                return None
            if name == "dimension":
                _min_col, _min_row, max_col, max_row = range_boundaries(element.get("ref", ""))
                # Whole rows or columns ("1:5", "A:C") give no bound of the other kind.
                return (max_row, max_col) if max_row is not None and max_col is not None else None
    except ParseError:
        return None  # the head ends inside the sheet before it declared anything
    return None
