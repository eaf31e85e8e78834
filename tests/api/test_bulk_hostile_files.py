"""Hostile bulk files. Refused by what they declare before any row is read: a 400 on the field "file"
from the API, a form error on the page, in milliseconds. Where the declaration lies, stopped by the same
limits while the worker reads them: the upload fails with the reason and adds nothing.

The time each file took to be refused is printed with -s (quoted in docs/security.md).
"""

import random
import string
import time
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from complaints.models import BulkUpload, BulkUploadStatus, Listing
from tests.bulk_files import (
    compression_bomb,
    declaring,
    draft,
    listings_csv,
    many_parts,
    post_file,
    with_sheet,
    xlsx,
)

pytestmark = pytest.mark.django_db

MiB = 1024 * 1024


def _random_text(chars: int, seed: int) -> str:
    """Letters that do not pack well, so that a file of them is large packed and unpacked alike."""
    return "".join(random.Random(seed).choices(string.ascii_letters, k=chars))  # noqa: S311 — test data


def _rows_of_random_text(rows: int) -> Callable[[object], None]:
    def fill(sheet) -> None:
        for n in range(rows):
            sheet.append([f"https://shop.example.test/{n}", "store-1", _random_text(1500, n)])

    return fill


def _million_rows(sheet) -> None:
    sheet.append(["https://shop.example.test/1", "store-1"])
    sheet.cell(row=1_000_000, column=2, value="store-1")


# (what, file name, how to build it, settings for the case, error code)
REFUSED_AT_UPLOAD = [
    (
        "an XLSX of a few KB declaring 1,000,000 rows",
        "l.xlsx",
        lambda: xlsx(_million_rows),
        {},
        "too_many_rows",
    ),
    (
        "an XLSX declaring 100 columns",
        "l.xlsx",
        lambda: xlsx(lambda sheet: sheet.cell(row=1, column=100, value="x")),
        {},
        "too_many_columns",
    ),
    (
        "an XLSX declaring more cells than one file may have read",
        "l.xlsx",
        lambda: xlsx(lambda sheet: sheet.cell(row=500, column=3, value="x")),
        {"IPRGOV_BULK_MAX_CELLS": 1000},
        "too_many_cells",
    ),
    (
        "a compression bomb: an XLSX of one 200 MiB cell",
        "l.xlsx",
        lambda: compression_bomb(200 * MiB),
        {},
        "zip_ratio",
    ),
    (
        "an XLSX unpacking to more than allowed",
        "l.xlsx",
        lambda: xlsx(_rows_of_random_text(1500)),
        {"IPRGOV_BULK_MAX_UNZIPPED_BYTES": 1 * MiB},
        "unzipped_too_large",
    ),
    ("an archive of 12,000 parts", "l.xlsx", lambda: many_parts(12_000), {}, "too_many_parts"),
    ("a CSV of 101,000 rows", "l.csv", lambda: listings_csv(101_000), {}, "too_many_rows"),
    (
        "a CSV with a cell of 10 MiB",
        "l.csv",
        lambda: b"url,store_ref\nhttps://shop.example.test/" + b"a" * (10 * MiB) + b",store-1\n",
        {},
        "line_too_long",
    ),
    (
        "a CSV that is not UTF-8",
        "l.csv",
        lambda: b"url,store_ref\nhttps://e.test/caf\xe9,s\n",
        {},
        "encoding",
    ),
]


@pytest.mark.parametrize(
    ("what", "name", "build", "limits", "code"),
    REFUSED_AT_UPLOAD,
    ids=[case[0] for case in REFUSED_AT_UPLOAD],
)
def test_a_hostile_file_is_refused_by_what_it_declares_before_any_row_is_read(
    holder, right, platform, settings, what, name, build, limits, code
):
    for setting, value in limits.items():
        setattr(settings, setting, value)
    content = build()
    complaint_id = draft(holder, right, platform)

    started = time.monotonic()
    response = post_file(holder, complaint_id, content, name)
    elapsed = time.monotonic() - started

    assert response.status_code == 400, response.content
    [error] = response.json()["errors"]
    assert (error["field"], error["code"]) == ("file", code), error
    assert error["message"]
    assert not BulkUpload.objects.exists()
    print(
        f"\nrefused at upload: {what} ({len(content):,} bytes) in {elapsed * 1000:.0f} ms: {error['message']}"
    )


def test_the_page_shows_why_a_hostile_file_is_refused(login, rightsholder_user, holder, right, platform):
    complaint_id = draft(holder, right, platform)
    client = login(rightsholder_user)

    page = client.post(
        f"/portal/complaints/{complaint_id}/bulk/",
        {"file": SimpleUploadedFile("l.xlsx", xlsx(_million_rows))},
    )

    assert page.status_code == 200
    assert (
        "The sheet declares 1,000,000 rows; at most 100,000 are accepted per file." in page.content.decode()
    )
    assert not BulkUpload.objects.exists()


def _cells_in_column_25() -> bytes:
    return b"https://shop.example.test/1,store-1" + b"," * 23 + b"x\n"


def _gap_of_empty_rows(sheet) -> None:
    sheet.append(["https://shop.example.test/1", "store-1"])
    sheet.cell(row=60_000, column=1, value="https://shop.example.test/2")
    sheet.cell(row=60_000, column=2, value="store-1")


# (what, file name, how to build it, settings for the case, why the upload failed)
FAILED_WHILE_READ = [
    (
        "an XLSX declaring 2 rows that holds 30",
        "l.xlsx",
        lambda: with_sheet(xlsx(_rows_of_random_text(30)), declaring("A1:C2")),
        {"IPRGOV_BULK_MAX_ROWS": 10},
        "The file has more than 10 rows; at most 10 are accepted per file.",
    ),
    (
        "an XLSX with a cell of 3,000 characters",
        "l.xlsx",
        lambda: xlsx(lambda sheet: sheet.append(["https://shop.example.test/1", "store-1", "x" * 3000])),
        {},
        "Row 1 has a cell of 3,000 characters; a cell may have at most 2,000.",
    ),
    (
        "a CSV with a cell of 3,000 characters",
        "l.csv",
        lambda: b"https://shop.example.test/1,store-1," + b"x" * 3000 + b"\n",
        {},
        "Row 1 has a cell of 3,000 characters; a cell may have at most 2,000.",
    ),
    (
        "a CSV with a value in column 25",
        "l.csv",
        _cells_in_column_25,
        {},
        "Row 1 has a value in column 25; at most 20 columns are read.",
    ),
    (
        "a CSV of empty cells past the work limit",
        "l.csv",
        lambda: b",,,,\n" * 300 + b"https://shop.example.test/1,store-1\n",
        {"IPRGOV_BULK_MAX_CELLS": 1000},
        "The file has more than 1,000 cells (empty ones included); at most 1,000 are read.",
    ),
    (
        "an XLSX of 60,000 empty rows declaring no dimension",
        "l.xlsx",
        lambda: with_sheet(xlsx(_gap_of_empty_rows), declaring(None)),
        {"IPRGOV_BULK_MAX_CELLS": 10_000},
        "The file has more than 10,000 cells (empty ones included); at most 10,000 are read.",
    ),
]


@pytest.mark.parametrize(
    ("what", "name", "build", "limits", "failure"),
    FAILED_WHILE_READ,
    ids=[case[0] for case in FAILED_WHILE_READ],
)
def test_a_file_whose_declaration_lies_fails_when_read_past_a_limit_and_adds_nothing(
    holder, right, platform, settings, django_capture_on_commit_callbacks, what, name, build, limits, failure
):
    for setting, value in limits.items():
        setattr(settings, setting, value)
    content = build()
    complaint_id = draft(holder, right, platform)

    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):  # the worker's reading, in-process
        response = post_file(holder, complaint_id, content, name)
    elapsed = time.monotonic() - started

    assert response.status_code == 202, response.content
    upload = holder.get(f"/api/v1/bulk-uploads/{response.json()['id']}/").json()
    assert (upload["status"], upload["failure"]) == (BulkUploadStatus.FAILED, failure)
    assert not Listing.objects.filter(complaint_id=complaint_id).exists()
    print(f"\nfailed while read: {what} ({len(content):,} bytes) in {elapsed * 1000:.0f} ms: {failure}")


def _full_sheet(sheet) -> None:
    sheet.append(["url", "store_ref", "store_name"])
    for n in range(100_000):
        sheet.append(
            [f"https://shop.example.test/item/{n}/a-product-title", f"store-{n % 1000}", f"Store {n}"]
        )


@pytest.mark.parametrize(
    ("what", "name", "build"),
    [("a CSV", "l.csv", lambda: listings_csv(100_000)), ("an XLSX", "l.xlsx", lambda: xlsx(_full_sheet))],
    ids=["CSV", "XLSX"],
)
def test_a_file_of_as_many_rows_as_allowed_is_accepted(
    holder, right, platform, django_capture_on_commit_callbacks, what, name, build
):
    content = build()
    complaint_id = draft(holder, right, platform)

    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=False):  # judged and stored; not read here
        response = post_file(holder, complaint_id, content, name)
    elapsed = time.monotonic() - started

    assert response.status_code == 202, response.content
    assert response.json()["status"] == BulkUploadStatus.QUEUED
    print(f"\naccepted at upload: {what} of 100,000 rows ({len(content):,} bytes) in {elapsed * 1000:.0f} ms")
