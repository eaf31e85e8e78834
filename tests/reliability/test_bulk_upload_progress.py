"""With a broker and a real worker, the upload page's progress bar moves as the worker commits its batches,
and stops polling once every row is counted. (Without a broker the page comes back with the counts:
tests/complaints/test_bulk_upload_page.py.) What the bar showed is printed with `-s`."""

import re
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from complaints.models import BulkUpload, BulkUploadStatus
from tests.api.conftest import token_client
from tests.bulk_files import draft, listings_csv
from tests.factories import IPRightFactory
from tests.own_redis import OwnRedis
from tests.workers import start_worker, stop_workers

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

WITHIN_SECONDS = 120  # two cores shared with other work: generous, never a measured figure


@pytest.fixture
def complaint_id(rightsholder_user, platform) -> int:
    right = IPRightFactory(owner_org=rightsholder_user.organisation)
    return draft(token_client(rightsholder_user), right, platform)


def test_with_a_worker_the_progress_bar_moves_until_the_rows_are_counted(
    login, rightsholder_user, complaint_id, broker: OwnRedis, tmp_path: Path, settings
):
    rows = 20_000
    client = login(rightsholder_user)
    worker = start_worker(
        broker_url=broker.url,
        log_path=tmp_path / "worker.log",
        media_root=settings.MEDIA_ROOT,
        IPRGOV_BULK_BATCH_ROWS="500",
    )
    try:
        page = client.post(
            f"/portal/complaints/{complaint_id}/bulk/",
            {"file": SimpleUploadedFile("big.csv", listings_csv(rows))},
            follow=True,
        ).content.decode()
        upload = BulkUpload.objects.get(complaint_id=complaint_id)
        seen = _poll(client, complaint_id, upload.pk, tmp_path)
    finally:
        stop_workers([worker])

    # The page came back before the worker finished: a bar that polls, and a message that says so.
    assert "The file is being read; the listings appear as it goes." in page
    assert 'id="read-while-waiting"' not in page
    assert 'hx-trigger="every 1s"' in page
    # It moved: it was seen part of the way, never went back, and ended with the rows counted.
    percents = [percent for percent, _row in seen if percent is not None]
    print(
        f"\n{len(seen)} polls; the bar showed {sorted(set(percents))} before the counts"
    )  # figures, with -s
    assert any(0 < percent < 100 for percent in percents), percents
    assert percents == sorted(percents)
    last = seen[-1][1]
    assert "<progress" not in last and "hx-trigger" not in last
    assert [cell.split("<")[0].strip() for cell in last.split("<td>")[3:]] == ["20,000", "20,000", "0", "0"]
    assert BulkUpload.objects.get(pk=upload.pk).status == BulkUploadStatus.DONE


def _poll(client, complaint_id: int, upload_id: int, tmp_path: Path) -> list[tuple[int | None, str]]:
    """What the page's row showed at each poll (its percent while it had a bar), until it stopped polling."""
    seen: list[tuple[int | None, str]] = []
    started = time.monotonic()
    while time.monotonic() - started < WITHIN_SECONDS:
        row = client.get(
            f"/portal/complaints/{complaint_id}/bulk/{upload_id}/progress/", HTTP_HX_REQUEST="true"
        ).content.decode()
        bar = re.search(r'<progress max="100" value="(\d+)"', row)
        seen.append((int(bar.group(1)) if bar else None, row))
        if "hx-trigger" not in row:
            return seen
        time.sleep(0.05)
    log = (tmp_path / "worker.log").read_text(errors="replace")[-3000:]
    pytest.fail(f"the upload did not finish within {WITHIN_SECONDS}s; worker log:\n{log}")
