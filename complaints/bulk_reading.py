"""Reading a bulk file row by row, streaming, within complaints.bulk_limits.

CSV is read line by line (no line longer than a row within the limits can be); XLSX with openpyxl's
read-only mode, which parses the sheet as it goes (its XML through defusedxml: no DTD, no entities). A
file that passes a limit stops being read there, with a BulkFileError a person can read.
"""

import csv
import io
import itertools
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING, cast

import openpyxl
from django.utils.translation import gettext as _

from complaints.bulk_limits import BulkFileError, BulkLimits, figure, too_many_rows
from complaints.models import BulkUpload

if TYPE_CHECKING:
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet


def csv_lines(text: IO[str], limits: BulkLimits) -> Iterator[str]:
    """The lines of a text file opened with newline="", each with its line ending; BulkFileError at the
    first line longer than any row within the limits, before more of it is read."""
    for number in itertools.count(1):
        line = text.readline(limits.line_chars + 2)  # + the line ending
        if not line:
            return
        if len(line.rstrip("\r\n")) > limits.line_chars:
            raise BulkFileError(
                _(
                    "Line %(line)s is longer than %(max)s characters: a row has at most %(columns)s "
                    "cells of at most %(chars)s characters."
                )
                % {
                    "line": figure(number),
                    "max": figure(limits.line_chars),
                    "columns": figure(limits.columns),
                    "chars": figure(limits.cell_chars),
                },
                code="line_too_long",
            )
        yield line


def not_utf8(exc: Exception) -> BulkFileError:
    return BulkFileError(_("The file is not a UTF-8 CSV file (%(error)s).") % {"error": exc}, code="encoding")


def _delimiter(first_line: str) -> str:
    if "\t" in first_line:
        return "\t"
    return ";" if first_line.count(";") > first_line.count(",") else ","


def _csv_rows(handle: IO[bytes], limits: BulkLimits) -> Iterator[list[str]]:
    lines = csv_lines(io.TextIOWrapper(handle, encoding="utf-8-sig", newline=""), limits)
    try:
        first = next(lines, "")
        for row in csv.reader(itertools.chain([first], lines), delimiter=_delimiter(first)):
            yield [cell.strip() for cell in row]
    except (UnicodeDecodeError, csv.Error) as exc:
        raise not_utf8(exc) from exc


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _xlsx_rows(handle: IO[bytes]) -> Iterator[list[str]]:
    try:
        workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 — openpyxl raises many kinds for a damaged file
        raise BulkFileError(_("The spreadsheet cannot be read."), code="unreadable") from exc
    try:
        sheet = workbook.worksheets[0]
        # Read what the sheet holds, not what it declares: a short declaration would hide rows, and the
        # limits, not the declaration, bound the work. (read_only=True gives read-only sheets.)
        cast("ReadOnlyWorksheet", sheet).reset_dimensions()
        rows = sheet.iter_rows(values_only=True)
        for number in itertools.count(1):
            try:
                row = next(rows, None)
            except Exception as exc:  # noqa: BLE001 — a damaged sheet fails in openpyxl, zipfile or the XML parser
                raise BulkFileError(
                    _("The spreadsheet cannot be read from row %(row)s on.") % {"row": figure(number)},
                    code="unreadable",
                ) from exc
            if row is None:
                return
            yield [_cell(value) for value in row]
    finally:
        workbook.close()


def limited_rows(rows: Iterable[list[str]], limits: BulkLimits) -> Iterator[tuple[int, list[str]]]:
    """(row number in the file, cells) of every non-empty row, header included; BulkFileError at the first
    limit the file passes."""
    work = 0
    kept = 0
    for number, cells in enumerate(rows, start=1):
        work += len(cells) + 1  # an empty row costs a step too
        if work > limits.cells:
            raise BulkFileError(
                _("The file has more than %(max)s cells (empty ones included); at most %(max)s are read.")
                % {"max": figure(limits.cells)},
                code="too_many_cells",
            )
        used = next(
            (len(cells) - i for i, cell in enumerate(reversed(cells)) if cell), 0
        )  # up to the last value
        if not used:
            continue
        kept += 1
        if kept > limits.rows + 1:  # a header may come first
            raise too_many_rows(limits)
        if used > limits.columns:
            raise BulkFileError(
                _("Row %(row)s has a value in column %(column)s; at most %(max)s columns are read.")
                % {"row": figure(number), "column": figure(used), "max": figure(limits.columns)},
                code="too_many_columns",
            )
        longest = max(len(cell) for cell in cells)
        if longest > limits.cell_chars:
            raise BulkFileError(
                _("Row %(row)s has a cell of %(length)s characters; a cell may have at most %(max)s.")
                % {"row": figure(number), "length": figure(longest), "max": figure(limits.cell_chars)},
                code="cell_too_long",
            )
        yield number, cells


def file_rows(upload: BulkUpload) -> Iterator[tuple[int, list[str]]]:
    """(row number in the file, cells) of every non-empty row of a stored upload, header included."""
    limits = BulkLimits.from_settings()
    # A handle of its own from the storage: the file is read twice at once (counting, then processing).
    name = cast(str, upload.file.name)  # a saved upload always has its file
    with upload.file.storage.open(name, "rb") as handle:
        reader = _xlsx_rows(handle) if upload.file_format == "xlsx" else _csv_rows(handle, limits)
        yield from limited_rows(reader, limits)
