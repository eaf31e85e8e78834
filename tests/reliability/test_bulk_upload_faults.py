"""No bulk upload stuck: the broker is down when a file is posted, a worker is killed in the middle of one.

A redis-server of the test's own (tests/own_redis.py) and real Celery worker processes (tests/workers.py)
on the test database. The beat is played by the test: it sends the periodic sweep as the beat would, so
that the sweep and the watchdog run in a worker as in production. The broker's visibility timeout stays
at its default (an hour): only the watchdog can bring a killed worker's upload back within the test.

Figures (how long each step took) are printed with `-s` and quoted in docs/security.md.
"""

import json
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis
from django.core.files.uploadedfile import SimpleUploadedFile

from complaints.bulk_uploads import bulk_upload_start
from complaints.models import BulkUpload, BulkUploadStatus, Complaint, Listing
from complaints.tasks import sweep_bulk_uploads
from tests.bulk_files import listings_csv
from tests.factories import ComplaintFactory
from tests.own_redis import OwnRedis
from tests.workers import start_worker, stop_workers

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

WITHIN_SECONDS = 120  # two cores shared with other work: generous, never a measured figure
BATCH_ROWS = 500
STALE_SECONDS = 2  # the watchdog's threshold, minutes in production


@pytest.fixture
def workers(broker: OwnRedis, tmp_path: Path, settings) -> Iterator[Callable[[], subprocess.Popen[bytes]]]:
    procs: list[subprocess.Popen[bytes]] = []

    def start() -> subprocess.Popen[bytes]:
        proc = start_worker(
            broker_url=broker.url,
            log_path=tmp_path / f"worker-{len(procs)}.log",
            media_root=settings.MEDIA_ROOT,  # where this test stored the uploaded file
            IPRGOV_BULK_BATCH_ROWS=str(BATCH_ROWS),
            IPRGOV_BULK_STALE_SECONDS=str(STALE_SECONDS),
            IPRGOV_BULK_SWEEP_GRACE_SECONDS="0",
        )
        procs.append(proc)
        return proc

    yield start
    stop_workers(procs)


def worker_logs(tmp_path: Path) -> str:
    return "\n".join(p.read_text(errors="replace")[-3000:] for p in sorted(tmp_path.glob("worker-*.log")))


def wait_until(predicate: Callable[[], bool], what: str, tmp_path: Path, *, beat: bool = False) -> float:
    """Seconds until `predicate` holds; with `beat`, the periodic sweep is sent every second meanwhile."""
    started = time.monotonic()
    while time.monotonic() - started < WITHIN_SECONDS:
        if predicate():
            return time.monotonic() - started
        if beat:
            sweep_bulk_uploads.delay()
        time.sleep(1 if beat else 0.02)
    pytest.fail(f"{what} not within {WITHIN_SECONDS}s; worker logs:\n{worker_logs(tmp_path)}")


def upload_listings(complaint: Complaint, rows: int) -> tuple[BulkUpload, bool]:
    """The rightsholder's upload, through the service the page and the API call (enqueued after commit)."""
    return bulk_upload_start(
        actor=complaint.filed_by,
        complaint_id=complaint.pk,
        upload=SimpleUploadedFile("listings.csv", listings_csv(rows)),
    )


def unacknowledged(broker: OwnRedis) -> list[str]:
    """The tasks the broker holds as delivered but not acknowledged (kombu keeps them in the `unacked`
    hash until the visibility timeout returns them to their queue)."""
    return sorted(
        json.loads(raw)[0]["headers"]["task"] for raw in redis.Redis(port=broker.port).hvals("unacked")
    )


def status_of(upload_id: int) -> BulkUpload:
    return BulkUpload.objects.get(pk=upload_id)


def test_an_upload_posted_while_the_broker_is_down_is_started_by_the_sweep_and_finished(
    broker, workers, tmp_path
):
    rows = 5_000
    complaint = ComplaintFactory()

    # Given the broker is down when the file is posted
    broker.stop()
    started = time.monotonic()
    upload, created = upload_listings(complaint, rows)
    posted_in = time.monotonic() - started
    again, created_again = upload_listings(complaint, rows)

    # Then the upload is accepted and queued, and the same file again is that upload
    assert created and status_of(upload.pk).status == BulkUploadStatus.QUEUED
    assert (again.pk, created_again) == (upload.pk, False)

    # When the broker is back (its message was never sent), a worker runs and the beat sends the sweep
    broker.start()
    assert broker.queue_length("bulk") == 0
    workers()
    finished_in = wait_until(
        lambda: status_of(upload.pk).status == BulkUploadStatus.DONE,
        "the upload finished",
        tmp_path,
        beat=True,
    )

    # Then the sweep started it and the worker read every row once
    done = status_of(upload.pk)
    assert (done.total_rows, done.processed_rows, done.good_rows, done.added_listings) == (rows,) * 4
    assert done.attempts == 1
    assert Listing.objects.filter(complaint=complaint).count() == rows
    print(
        f"\nbroker down at upload: posted in {posted_in * 1000:.0f} ms (queued), the same file again returned "
        f"the same upload; broker back: started by the sweep and {rows:,} rows read in {finished_in:.1f} s, "
        f"each once"
    )


def test_a_worker_killed_in_the_middle_of_an_upload_is_noticed_by_the_watchdog_and_another_finishes_it(
    broker, workers, tmp_path
):
    rows = 30_000
    complaint = ComplaintFactory()
    upload, _created = upload_listings(complaint, rows)

    # Given a worker that has committed some batches of a large upload
    first = workers()
    wait_until(lambda: status_of(upload.pk).processed_rows >= BATCH_ROWS, "the first batch", tmp_path)

    # When it is killed (SIGKILL: no clean-up, its message stays unacknowledged for the visibility timeout)
    first.kill()
    first.wait(timeout=10)
    killed = time.monotonic()
    left = status_of(upload.pk)
    assert left.status == BulkUploadStatus.RUNNING
    assert 0 < left.processed_rows < rows, "killed too late to be in the middle; use more rows"
    assert unacknowledged(broker) == ["complaints.tasks.process_bulk_upload"]

    # Then the watchdog, sent by the beat, notices the silent upload and another worker resumes it
    workers()
    resumed_in = wait_until(
        lambda: status_of(upload.pk).attempts == 2, "the upload resumed", tmp_path, beat=True
    )
    wait_until(lambda: status_of(upload.pk).status == BulkUploadStatus.DONE, "the upload finished", tmp_path)
    finished_in = time.monotonic() - killed

    # And every row is accounted for once: nothing lost, nothing added or counted twice
    done = status_of(upload.pk)
    assert (done.total_rows, done.processed_rows, done.good_rows, done.added_listings) == (rows,) * 4
    assert done.bad_rows == 0
    assert Listing.objects.filter(complaint=complaint).count() == rows
    # Not the killed worker's message: the broker still holds it, for the rest of its visibility timeout.
    assert "complaints.tasks.process_bulk_upload" in unacknowledged(broker)
    print(
        f"\nworker killed mid-upload: SIGKILL after {left.processed_rows:,} of {rows:,} rows; the watchdog "
        f"(threshold {STALE_SECONDS} s) resumed it {resumed_in:.1f} s after the kill, finished "
        f"{finished_in:.1f} s after it; {rows:,} listings, each row once"
    )
