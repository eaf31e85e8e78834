"""Bulk files that add up: every row read adds a listing, is a duplicate (of an earlier row of the file, or
of a listing the complaint already had) or is refused with its reason; the counters say so, and the errors
report lists every row that added nothing under a header naming each column it writes, with no cell a
spreadsheet would run."""

import csv
import importlib
import io

import pytest
from django.apps import apps

from complaints.models import BulkUpload, Listing
from iprgov.csv_export import FORMULA_STARTS, csv_stream
from tests.bulk_files import draft, post_file
from tests.factories import RegionFactory


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def _post(holder, complaint_id: int, content: bytes, capture, name: str = "listings.csv") -> dict:
    with capture(execute=True):
        response = post_file(holder, complaint_id, content, name)
    assert response.status_code == 202, response.json()
    return holder.get(f"/api/v1/bulk-uploads/{response.json()['id']}/").json()


def _errors(holder, upload: dict) -> list[dict]:
    return holder.get(upload["errors_url"]).json()["results"]


def _report(holder, upload: dict) -> list[list[str]]:
    response = holder.get(f"/api/v1/bulk-uploads/{upload['id']}/errors.csv")
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.fixture
def complaint_id(holder, right, platform) -> int:
    return draft(holder, right, platform)


def test_repeats_within_a_batch_across_batches_and_of_earlier_listings_are_counted_and_named(
    holder, complaint_id, django_capture_on_commit_callbacks, settings
):
    settings.IPRGOV_BULK_BATCH_ROWS = 3
    RegionFactory(code="510100")
    # Already in the complaint: one listing sent through the API, one from an earlier file.
    holder.post(
        f"/api/v1/complaints/{complaint_id}/listings/",
        {"listings": [{"listing_ref": "from-api", "store_ref": "s1"}]},
        format="json",
    )
    _post(holder, complaint_id, _csv([["earlier", "s1"]]), django_capture_on_commit_callbacks, "old.csv")
    rows = [
        ["listing", "store_ref", "store_email", "store_language", "store_region"],
        ["item-1", "s1", "", "", ""],  # row 2
        ["item-1", "s1", "", "", ""],  # row 3: repeats row 2, same batch
        ["item-2", "s2", "bad-email", "", ""],  # row 4: refused
        ["item-3", "s2", "", "klingon", ""],  # row 5: refused
        ["item-4", "s2", "", "", "000000"],  # row 6: refused
        ["item-1", "s1", "", "", ""],  # row 7: repeats row 2, a batch later
        ["from-api", "s1", "", "", ""],  # row 8: in the complaint before the file
        ["earlier", "s1", "", "", ""],  # row 9: from the earlier file
        ["item-1", "other-store", "a@b.example.test", "en", "510100"],  # row 10: another store, so new
    ]

    upload = _post(holder, complaint_id, _csv(rows), django_capture_on_commit_callbacks)

    counts = (
        upload["processed_rows"],
        upload["added_listings"],
        upload["duplicate_rows"],
        upload["bad_rows"],
    )
    assert counts == (9, 2, 4, 3)
    assert upload["added_listings"] + upload["duplicate_rows"] + upload["bad_rows"] == upload["total_rows"]
    assert [
        (e["row"], e["field"], e["code"], e["repeats_row"], e["message"]) for e in _errors(holder, upload)
    ] == [
        (3, "listing", "duplicate", 2, "Repeats row 2: the listing is added once."),
        (
            4,
            "store_email",
            "invalid",
            None,
            "“bad-email” is not an email address the store can be reached at.",
        ),
        (
            5,
            "store_language",
            "invalid_choice",
            None,
            "“klingon” is not a language of the site; give one of: en, zh-hans.",
        ),
        (6, "store_region", "unknown", None, "No region has the division code “000000”."),
        (7, "listing", "duplicate", 2, "Repeats row 2: the listing is added once."),
        (8, "listing", "duplicate", None, "Already in the complaint."),
        (9, "listing", "duplicate", None, "Already in the complaint, from row 1 of “old.csv”."),
    ]
    assert Listing.objects.filter(complaint_id=complaint_id).count() == 4


def test_the_page_shows_the_counts_that_add_up(
    login, rightsholder_user, holder, complaint_id, django_capture_on_commit_callbacks
):
    upload = _post(
        holder,
        complaint_id,
        _csv([["item-1", "s1"], ["item-1", "s1"], ["", "s1"], ["item-2", "s1"]]),
        django_capture_on_commit_callbacks,
    )

    row = login(rightsholder_user).get(f"/portal/complaints/{complaint_id}/bulk/{upload['id']}/progress/")

    cells = [cell.split("<")[0].strip() for cell in row.content.decode().split("<td>")[3:]]
    assert cells == ["4", "2", "1", "1"]  # rows read, added, duplicates, refused
    assert "Download the 2 rows that added no listing, with their reasons (CSV)" in row.content.decode()


def test_the_errors_report_names_every_column_it_writes_and_can_be_corrected_and_sent_again(
    holder, complaint_id, django_capture_on_commit_callbacks
):
    # A header in an order of its own, with a column the product does not read.
    rows = [
        ["Store ID", "notes", "URL", "store_name"],
        ["s1", "first", "https://shop.example.test/1", "One"],
        ["s1", "typo", "htps//shop.example.test/2", "One"],
        ["s1", "again", "https://shop.example.test/1", "One"],
    ]
    upload = _post(holder, complaint_id, _csv(rows), django_capture_on_commit_callbacks)

    report = _report(holder, upload)

    assert report[0] == [
        "row",
        "column",
        "code",
        "problem",
        "repeats_row",
        "Store ID",
        "notes",
        "URL",
        "store_name",
    ]
    assert {len(line) for line in report} == {9}
    assert [line[:5] for line in report[1:]] == [
        ["3", "url", "invalid", "“htps//shop.example.test/2” is not a valid web address.", ""],
        ["4", "listing", "duplicate", "Repeats row 2: the listing is added once.", "2"],
    ]
    assert report[1][5:] == ["s1", "typo", "htps//shop.example.test/2", "One"]

    # The report, its refused row corrected, is a file the product reads under the same columns.
    report[1][7] = "https://shop.example.test/2"
    corrected = _post(holder, complaint_id, _csv(report), django_capture_on_commit_callbacks, "corrected.csv")
    assert (corrected["added_listings"], corrected["duplicate_rows"], corrected["bad_rows"]) == (1, 1, 0)
    assert set(Listing.objects.filter(complaint_id=complaint_id).values_list("url", flat=True)) == {
        "https://shop.example.test/1",
        "https://shop.example.test/2",
    }


def test_a_file_without_a_header_is_reported_under_the_columns_read_by_position(
    holder, complaint_id, django_capture_on_commit_callbacks
):
    upload = _post(
        holder,
        complaint_id,
        _csv([["item-1", ""], ["item-2", "s", "Two", "x"]]),
        django_capture_on_commit_callbacks,
    )

    report = _report(holder, upload)

    assert report[0][5:] == [
        "listing",
        "store_ref",
        "store_name",
        "store_email",
        "store_language",
        "store_region",
    ]
    assert report[1] == ["1", "store_ref", "required", "Give the store id.", "", "item-1", "", "", "", "", ""]
    assert report[2][:2] == ["2", "store_email"]


@pytest.mark.parametrize("cell", ['=HYPERLINK("https://evil.example")', "+1+1", "-2+3", "@SUM(A1)", "  =1"])
def test_a_cell_a_spreadsheet_would_run_is_written_as_text(
    holder, complaint_id, django_capture_on_commit_callbacks, cell
):
    rows = [["url", "store_ref", cell], [cell, "s1", cell]]
    upload = _post(holder, complaint_id, _csv(rows), django_capture_on_commit_callbacks)

    report = _report(holder, upload)

    shown = f"'{cell.strip()}"  # cells are read trimmed
    assert report[0][-1] == shown  # the file's own header cell
    assert report[1][-3:] == [shown, "s1", shown]
    assert not any(value.startswith(FORMULA_STARTS) for line in report for value in line)


def test_every_csv_the_product_writes_neutralises_tab_and_carriage_return_starts_too():
    # A file's cells are read trimmed, so these reach a report only from other text the product writes.
    lines = list(csv_stream([["\t=1+1", "\r@SUM(A1)", "-", "plain", 42, None]]))

    assert list(csv.reader(lines)) == [["'\t=1+1", "'\r@SUM(A1)", "'-", "plain", "42", ""]]


def test_uploads_read_before_the_columns_were_kept_get_value_columns_and_queued_ones_none(
    holder, complaint_id, django_capture_on_commit_callbacks
):
    read = _post(holder, complaint_id, _csv([["", "s1", "x"]]), django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=False):
        queued = post_file(holder, complaint_id, _csv([["item-9", "s1"]])).json()
    BulkUpload.objects.update(column_names=[])  # as the schema change leaves every upload

    migration = importlib.import_module(
        "complaints.migrations.0010_listing_store_contact_and_bulk_accounting"
    )
    migration.name_the_values_of_uploads_already_read(apps, None)

    report = _report(holder, read)
    assert report[0][5:] == [f"value_{n}" for n in range(1, 11)]
    assert report[1][5:] == ["", "s1", "x", "", "", "", "", "", "", ""]
    # Not read yet: it gets its own columns when it is.
    assert BulkUpload.objects.get(pk=queued["id"]).column_names == []
