import csv
import io
from datetime import timedelta

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from audit.models import AuditEntry
from complaints import bulk
from complaints.models import BulkUpload, BulkUploadStatus, Listing
from complaints.tasks import sweep_bulk_uploads
from tests.api.conftest import attach_evidence, complaint_body, submittable
from tests.bulk_files import draft, post_file, xlsx


def _csv(rows: list[list[str]], header: bool = True) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    if header:
        writer.writerow(["url", "store_ref", "store_name"])
    writer.writerows(rows)
    return out.getvalue().encode()


def _upload(holder, complaint_id, content: bytes, name: str = "listings.csv", capture=None):
    with capture(execute=True):
        return post_file(holder, complaint_id, content, name)


def test_ten_thousand_rows_with_bad_ones_and_a_repeat_account_for_every_row(
    holder, right, platform, django_capture_on_commit_callbacks, settings
):
    settings.IPRGOV_BULK_BATCH_ROWS = 2000
    rows = [
        [f"https://shop.example.test/item/{n}", f"store-{n % 100}", f"Store {n % 100}"] for n in range(10_000)
    ]
    bad_rows = {
        17: ["not-a-url://", "store-1", ""],
        2500: ["https://shop.example.test/x", "", ""],
        9999: ["", "", "name only"],
    }
    for index, row in bad_rows.items():
        rows[index] = row
    rows[5000] = rows[4999]  # a repeated listing is stored once, and the repeat is counted
    complaint_id = draft(holder, right, platform)

    response = _upload(holder, complaint_id, _csv(rows), capture=django_capture_on_commit_callbacks)

    assert response.status_code == 202, response.json()
    progress = holder.get(f"/api/v1/bulk-uploads/{response.json()['id']}/").json()
    assert progress["status"] == "done"
    assert progress["total_rows"] == progress["processed_rows"] == 10_000
    assert progress["percent"] == 100
    assert (progress["added_listings"], progress["duplicate_rows"], progress["bad_rows"]) == (9_996, 1, 3)
    assert progress["added_listings"] + progress["duplicate_rows"] + progress["bad_rows"] == 10_000
    assert progress["good_rows"] == 9_997
    assert Listing.objects.filter(complaint_id=complaint_id).count() == 9_996
    errors = holder.get(progress["errors_url"]).json()["results"]
    # Row numbers are the file's: the header is row 1.
    assert [(e["row"], e["field"], e["code"], e["repeats_row"]) for e in errors] == [
        (19, "url", "invalid", None),
        (2502, "store_ref", "required", None),
        (5002, "listing", "duplicate", 5001),
        (10_001, "listing", "required", None),
    ]
    assert errors[2]["message"] == "Repeats row 5,001: the listing is added once."
    report = holder.get(f"/api/v1/bulk-uploads/{progress['id']}/errors.csv")
    lines = list(csv.reader(io.StringIO(b"".join(report.streaming_content).decode())))
    # A header for every column written: the report's own, then the file's columns over the values.
    assert lines[0] == ["row", "column", "code", "problem", "repeats_row", "url", "store_ref", "store_name"]
    assert {len(line) for line in lines} == {8}
    assert [line[0] for line in lines[1:]] == ["19", "2502", "5002", "10001"]
    assert lines[3][:5] == [
        "5002",
        "listing",
        "duplicate",
        "Repeats row 5,001: the listing is added once.",
        "5001",
    ]
    assert lines[3][5:] == rows[4999]


def test_the_same_file_twice_adds_nothing_and_an_overlapping_file_adds_only_new_rows(
    holder, right, platform, django_capture_on_commit_callbacks
):
    complaint_id = draft(holder, right, platform)
    content = _csv([[f"https://shop.example.test/{n}", "s1", ""] for n in range(50)])
    first = _upload(holder, complaint_id, content, capture=django_capture_on_commit_callbacks)

    again = _upload(
        holder, complaint_id, content, name="renamed.csv", capture=django_capture_on_commit_callbacks
    )
    overlapping = _upload(
        holder,
        complaint_id,
        _csv([[f"https://shop.example.test/{n}", "s1", ""] for n in range(40, 60)]),
        capture=django_capture_on_commit_callbacks,
    )

    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert BulkUpload.objects.get(pk=overlapping.json()["id"]).added_listings == 10
    assert Listing.objects.filter(complaint_id=complaint_id).count() == 60


def test_an_xlsx_file_without_header_is_read(holder, right, platform, django_capture_on_commit_callbacks):
    def fill(sheet) -> None:
        sheet.append(["https://shop.example.test/a", "store-9", "Nine"])
        sheet.append(["item-77", 12345, None])
        sheet.append([None, None, None])

    complaint_id = draft(holder, right, platform)

    response = _upload(
        holder,
        complaint_id,
        xlsx(fill),
        name="listings.xlsx",
        capture=django_capture_on_commit_callbacks,
    )

    upload = BulkUpload.objects.get(pk=response.json()["id"])
    assert (upload.file_format, upload.status, upload.added_listings, upload.bad_rows) == (
        "xlsx",
        "done",
        2,
        0,
    )
    assert set(Listing.objects.filter(complaint_id=complaint_id).values_list("listing_ref", "store_ref")) == {
        ("", "store-9"),
        ("item-77", "12345"),
    }


def test_a_file_over_the_row_limit_fails_whole(
    holder, right, platform, django_capture_on_commit_callbacks, settings
):
    settings.IPRGOV_BULK_MAX_ROWS = 5
    complaint_id = draft(holder, right, platform)

    # Six lines may be a header and five rows, so the upload is accepted; read, they are six rows.
    response = _upload(
        holder,
        complaint_id,
        _csv([[f"https://e.test/{n}", "s", ""] for n in range(6)], header=False),
        capture=django_capture_on_commit_callbacks,
    )

    assert response.status_code == 202, response.json()
    upload = BulkUpload.objects.get(pk=response.json()["id"])
    assert upload.status == BulkUploadStatus.FAILED
    assert upload.failure == "The file has 6 rows; at most 5 are accepted per file."
    assert not Listing.objects.filter(complaint_id=complaint_id).exists()


def test_binary_and_submitted_complaints_are_refused(holder, right, platform):
    complaint_id = draft(holder, right, platform)
    binary = post_file(holder, complaint_id, b"\x00\x01\x02", "x.csv")
    submitted = submittable(holder, complaint_body(right, platform))
    holder.post(f"/api/v1/complaints/{submitted['id']}/submit/")
    late = post_file(holder, submitted["id"], b"a,b\n", "x.csv")

    assert binary.status_code == 400
    assert binary.json()["errors"][0]["field"] == "file"
    assert late.status_code == 409


def test_another_organisations_upload_is_404(
    holder, other_holder, right, platform, django_capture_on_commit_callbacks
):
    complaint_id = draft(holder, right, platform)
    upload = _upload(
        holder,
        complaint_id,
        _csv([["https://e.test/1", "s", ""]]),
        capture=django_capture_on_commit_callbacks,
    ).json()

    assert other_holder.get(f"/api/v1/bulk-uploads/{upload['id']}/").status_code == 404
    assert other_holder.get(f"/api/v1/bulk-uploads/{upload['id']}/errors/").status_code == 404
    assert post_file(other_holder, complaint_id, b"a,b\n", "x.csv").status_code == 404


def test_browser_page_uploads_and_polls_progress(
    login, rightsholder_user, right, platform, holder, django_capture_on_commit_callbacks
):
    complaint_id = draft(holder, right, platform)
    client = login(rightsholder_user)
    page = client.get(f"/portal/complaints/{complaint_id}/bulk/")

    with django_capture_on_commit_callbacks(execute=False):
        client.post(
            f"/portal/complaints/{complaint_id}/bulk/",
            {"file": SimpleUploadedFile("l.csv", _csv([["bad", "", ""], ["https://e.test/1", "s", ""]]))},
        )
    upload = BulkUpload.objects.get(complaint_id=complaint_id)
    queued = client.get(
        f"/portal/complaints/{complaint_id}/bulk/{upload.pk}/progress/", HTTP_HX_REQUEST="true"
    )
    bulk.bulk_upload_process(upload_id=upload.pk)
    done = client.get(f"/portal/complaints/{complaint_id}/bulk/{upload.pk}/progress/", HTTP_HX_REQUEST="true")
    report = client.get(f"/portal/complaints/{complaint_id}/bulk/{upload.pk}/errors.csv")

    assert page.status_code == 200
    assert 'hx-trigger="every 1s"' in queued.content.decode()
    assert "<progress" in queued.content.decode()
    # Finished, the row says so and shows its counts: no bar, no more polling.
    assert "hx-trigger" not in done.content.decode()
    assert "<progress" not in done.content.decode()
    assert "Done" in done.content.decode()
    assert b"".join(report.streaming_content).decode().splitlines()[1].startswith("2,")
    assert client.get(f"/portal/complaints/{complaint_id + 1000}/bulk/").status_code == 404


def test_a_redelivered_batch_is_not_counted_twice(
    holder, right, platform, django_capture_on_commit_callbacks, settings
):
    settings.IPRGOV_BULK_BATCH_ROWS = 10
    complaint_id = draft(holder, right, platform)
    rows = [[f"https://shop.example.test/{n}", "s1", ""] for n in range(25)]
    with django_capture_on_commit_callbacks(execute=False):
        upload_id = post_file(holder, complaint_id, _csv(rows)).json()["id"]
    bulk.bulk_upload_process(upload_id=upload_id)
    first_batch = [(n + 2, row) for n, row in enumerate(rows[:10])]

    # A second worker that got the same task late offers the first batch again.
    taken = bulk._process_batch(
        upload_id, complaint_id, 0, first_batch, {"url": 0, "store_ref": 1, "store_name": 2}
    )
    # A worker that died after its last batch, before it marked the upload done, is taken over.
    BulkUpload.objects.filter(pk=upload_id).update(status=BulkUploadStatus.RUNNING, heartbeat_at=None)
    bulk.bulk_upload_process(upload_id=upload_id)

    upload = BulkUpload.objects.get(pk=upload_id)
    assert taken is False
    assert (upload.processed_rows, upload.good_rows, upload.added_listings) == (25, 25, 25)
    assert upload.status == BulkUploadStatus.DONE


def _left_by_a_worker_killed_again_and_again(upload_id: int) -> None:
    """The state a worker killed in the middle leaves, after as many starts as are allowed."""
    BulkUpload.objects.filter(pk=upload_id).update(
        status=BulkUploadStatus.RUNNING,
        attempts=settings.IPRGOV_BULK_MAX_ATTEMPTS,
        heartbeat_at=timezone.now() - timedelta(hours=1),
    )


def test_an_upload_whose_worker_kept_dying_fails_with_its_reason_and_a_retry_finishes_it(
    holder, right, platform, django_capture_on_commit_callbacks
):
    complaint_id = draft(holder, right, platform)
    with django_capture_on_commit_callbacks(execute=False):
        upload_id = post_file(
            holder, complaint_id, _csv([[f"https://e.test/{n}", "s", ""] for n in range(25)])
        ).json()["id"]
    _left_by_a_worker_killed_again_and_again(upload_id)

    swept = sweep_bulk_uploads()
    failed = holder.get(f"/api/v1/bulk-uploads/{upload_id}/").json()
    with django_capture_on_commit_callbacks(execute=True):
        retried = holder.post(f"/api/v1/bulk-uploads/{upload_id}/retry/")
    finished = holder.get(f"/api/v1/bulk-uploads/{upload_id}/").json()

    assert swept == {"started": 0, "resumed": 0, "failed": 1}
    assert failed["status"] == "failed"
    assert failed["failure"].startswith("Reading the file stopped before the end 3 times")
    assert retried.status_code == 202, retried.json()
    assert (retried.json()["status"], retried.json()["failure"], retried.json()["attempts"]) == (
        "queued",
        "",
        0,
    )
    assert (finished["status"], finished["processed_rows"], finished["added_listings"]) == ("done", 25, 25)
    assert finished["attempts"] == 1
    assert AuditEntry.objects.filter(action="bulk_upload_retried", subject_id=complaint_id).count() == 1


def test_only_a_failed_upload_of_a_draft_can_be_retried(
    holder, other_holder, right, platform, django_capture_on_commit_callbacks
):
    complaint_id = draft(holder, right, platform)
    done = _upload(
        holder,
        complaint_id,
        _csv([["https://e.test/1", "s", ""]]),
        capture=django_capture_on_commit_callbacks,
    ).json()
    with django_capture_on_commit_callbacks(execute=False):
        failed_id = post_file(holder, complaint_id, _csv([["https://e.test/2", "s", ""]])).json()["id"]
    _left_by_a_worker_killed_again_and_again(failed_id)
    sweep_bulk_uploads()

    not_failed = holder.post(f"/api/v1/bulk-uploads/{done['id']}/retry/")
    not_theirs = other_holder.post(f"/api/v1/bulk-uploads/{failed_id}/retry/")
    attach_evidence(holder, complaint_id)
    holder.post(f"/api/v1/complaints/{complaint_id}/submit/")
    not_a_draft = holder.post(f"/api/v1/bulk-uploads/{failed_id}/retry/")

    assert not_failed.status_code == 409
    assert not_failed.json()["errors"][0]["code"] == "conflict"
    assert not_a_draft.status_code == 409
    assert not_a_draft.json()["errors"][0]["code"] == "immutable"
    assert not_theirs.status_code == 404
    assert BulkUpload.objects.get(pk=failed_id).status == BulkUploadStatus.FAILED


def test_the_same_file_again_after_a_failure_is_read_afresh(
    holder, right, platform, django_capture_on_commit_callbacks
):
    complaint_id = draft(holder, right, platform)
    content = _csv([[f"https://e.test/{n}", "s", ""] for n in range(5)])
    with django_capture_on_commit_callbacks(execute=False):
        dead_id = post_file(holder, complaint_id, content).json()["id"]
    _left_by_a_worker_killed_again_and_again(dead_id)
    sweep_bulk_uploads()

    again = _upload(holder, complaint_id, content, capture=django_capture_on_commit_callbacks)

    assert again.status_code == 202
    assert again.json()["id"] != dead_id
    assert holder.get(f"/api/v1/bulk-uploads/{again.json()['id']}/").json()["status"] == "done"
    assert Listing.objects.filter(complaint_id=complaint_id).count() == 5


def test_the_page_shows_a_failed_upload_with_its_reason_and_a_retry_button(
    login, rightsholder_user, right, platform, holder, django_capture_on_commit_callbacks
):
    complaint_id = draft(holder, right, platform)
    with django_capture_on_commit_callbacks(execute=False):
        upload_id = post_file(holder, complaint_id, _csv([["https://e.test/1", "s", ""]])).json()["id"]
    client = login(rightsholder_user)
    polled_while_running = client.get(
        f"/portal/complaints/{complaint_id}/bulk/{upload_id}/progress/", HTTP_HX_REQUEST="true"
    )
    _left_by_a_worker_killed_again_and_again(upload_id)
    sweep_bulk_uploads()

    polled = client.get(
        f"/portal/complaints/{complaint_id}/bulk/{upload_id}/progress/", HTTP_HX_REQUEST="true"
    )
    page = client.get(f"/portal/complaints/{complaint_id}/bulk/")
    with django_capture_on_commit_callbacks(execute=True):
        retried = client.post(f"/portal/complaints/{complaint_id}/bulk/{upload_id}/retry/", follow=True)

    retry_url = f"/portal/complaints/{complaint_id}/bulk/{upload_id}/retry/"
    assert retry_url not in polled_while_running.content.decode()
    for response in (polled, page):
        html = response.content.decode()
        assert "Reading the file stopped before the end 3 times" in html
        assert f'action="{retry_url}"' in html
        assert "hx-trigger" not in html.split('id="bulk-upload-')[1]  # a failed upload is not polled
    assert "The file is being read again from where it stopped." in retried.content.decode()
    assert BulkUpload.objects.get(pk=upload_id).status == BulkUploadStatus.DONE
