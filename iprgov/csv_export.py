"""Every CSV file the product writes goes through here, so that no cell of it runs as a formula.

A spreadsheet opening a CSV file treats a cell that begins with `=`, `+`, `-` or `@` (or a tab or a
carriage return before one of them) as a formula, and a formula can fetch addresses or start programs
(CSV injection). The values come from users (a bulk file's cells, a store's name), so each such cell is
written with an apostrophe before it: the spreadsheet shows the text as given, nothing runs.
"""

import csv
from collections.abc import Iterable, Iterator

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> str:
    """The cell as text, with an apostrophe before it when a spreadsheet would run it as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class _Echo:
    """A file-like object whose write returns what it was given: csv.writer then yields lines."""

    def write(self, value: str) -> str:
        return value


def csv_stream(rows: Iterable[Iterable[object]]) -> Iterator[str]:
    """The rows as CSV lines, every cell neutralised, one line at a time (for a streaming response)."""
    writer = csv.writer(_Echo())
    for row in rows:
        yield writer.writerow([spreadsheet_safe(cell) for cell in row])
