"""How much one bulk file may make the web request and the worker do, and the error that ends it.

The same limits are checked twice: against what the file declares when it is uploaded
(complaints.bulk_inspection, before any row is read) and against what it holds while the worker reads it
(complaints.bulk_reading), because a declaration can lie.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _


class BulkFileError(Exception):
    """The file as a whole cannot be read; nothing more is taken from it. The message is for a person."""

    def __init__(self, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class BulkLimits:
    rows: int  # data rows (a header may come on top)
    columns: int  # columns with a value in one row
    cell_chars: int  # characters in one cell
    cells: int  # cells read from one file, empty cells and empty rows included: the total work
    unzipped_bytes: int  # an XLSX archive's members together, unpacked
    zip_ratio: int  # unpacked size over packed size of one archive member

    @classmethod
    def from_settings(cls) -> "BulkLimits":
        return cls(
            rows=settings.IPRGOV_BULK_MAX_ROWS,
            columns=settings.IPRGOV_BULK_MAX_COLUMNS,
            cell_chars=settings.IPRGOV_BULK_MAX_CELL_CHARS,
            cells=settings.IPRGOV_BULK_MAX_CELLS,
            unzipped_bytes=settings.IPRGOV_BULK_MAX_UNZIPPED_BYTES,
            zip_ratio=settings.IPRGOV_BULK_MAX_ZIP_RATIO,
        )

    @property
    def line_chars(self) -> int:
        """The longest CSV line a row within the limits can take: every cell quoted, with a separator, and
        every character of it a doubled quote at worst."""
        return self.columns * (2 * self.cell_chars + 3)


def figure(number: int) -> str:
    """A count as a person reads it, grouped as the active language groups digits: 1,000,000."""
    return number_format(number, force_grouping=True)


def too_many_rows(limits: BulkLimits) -> BulkFileError:
    return BulkFileError(
        _("The file has more than %(max)s rows; at most %(max)s are accepted per file.")
        % {"max": figure(limits.rows)},
        code="too_many_rows",
    )
