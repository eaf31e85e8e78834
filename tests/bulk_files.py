"""Bulk files built in the tests (listings as CSV or XLSX, and the hostile kinds: a sheet that declares a
million rows, a compression bomb, an archive of thousands of parts) and posting them through the API."""

import csv
import io
import re
import zipfile
from collections.abc import Callable
from typing import cast

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl.worksheet.worksheet import Worksheet

from tests.api.conftest import complaint_body

SHEET = "xl/worksheets/sheet1.xml"


def listings_csv(rows: int, *, header: bool = True, start: int = 0) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    if header:
        writer.writerow(["url", "store_ref", "store_name"])
    for n in range(start, start + rows):
        writer.writerow([f"https://shop.example.test/item/{n}", f"store-{n % 50}", f"Store {n % 50}"])
    return out.getvalue().encode()


def xlsx(fill: Callable[[Worksheet], object]) -> bytes:
    """A workbook whose first sheet `fill` writes, as Excel would save it (with its <dimension>)."""
    workbook = openpyxl.Workbook()
    fill(cast(Worksheet, workbook.active))  # a new workbook's active sheet is a worksheet
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_sheet(xlsx_bytes: bytes, change: Callable[[bytes], bytes]) -> bytes:
    """The same workbook with its first sheet's XML changed."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            target.writestr(info.filename, change(content) if info.filename == SHEET else content)
    return buffer.getvalue()


def declaring(ref: str | None) -> Callable[[bytes], bytes]:
    """A sheet change: declare `ref` as the dimension, or (None) declare none."""
    replacement = f'<dimension ref="{ref}"/>'.encode() if ref else b""
    return lambda xml: re.sub(rb"<dimension [^>]*/>", replacement, xml)


def compression_bomb(cell_bytes: int) -> bytes:
    """A valid workbook whose one cell holds `cell_bytes` letters: a few hundred KB that unpack to all of
    them. Written in chunks, so the test never holds the unpacked sheet in memory."""
    template = zipfile.ZipFile(io.BytesIO(xlsx(lambda sheet: sheet.append(["x"]))))
    buffer = io.BytesIO()
    chunk = b"a" * (1024 * 1024)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in template.infolist():
            if info.filename != SHEET:
                target.writestr(info.filename, template.read(info))
                continue
            with target.open(SHEET, "w") as sheet:
                sheet.write(
                    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                    b'<dimension ref="A1"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
                )
                for _ in range(cell_bytes // len(chunk)):
                    sheet.write(chunk)
                sheet.write(b"</t></is></c></row></sheetData></worksheet>")
    return buffer.getvalue()


def many_parts(parts: int) -> bytes:
    """A valid workbook with `parts` empty members more: its directory alone is larger than any
    spreadsheet's."""
    template = zipfile.ZipFile(io.BytesIO(xlsx(lambda sheet: sheet.append(["x"]))))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as target:
        for info in template.infolist():
            target.writestr(info.filename, template.read(info))
        for n in range(parts):
            target.writestr(f"xl/media/padding-{n:06d}-{'p' * 40}.bin", b"")
    return buffer.getvalue()


def draft(holder, right, platform) -> int:
    """A draft complaint with no listings, made through the API; its id."""
    return holder.post(
        "/api/v1/complaints/", complaint_body(right, platform, listings=[]), format="json"
    ).json()["id"]


def post_file(holder, complaint_id: int, content: bytes, name: str = "listings.csv"):
    return holder.post(
        f"/api/v1/complaints/{complaint_id}/bulk-uploads/",
        {"file": SimpleUploadedFile(name, content)},
        format="multipart",
    )
