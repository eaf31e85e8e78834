"""The periodic sweep and watchdog of bulk uploads (complaints.tasks.sweep_bulk_uploads), run in-process on
the test database: what each finds, what it leaves alone, and when it gives up. The same with a real
broker stopped and a real worker killed is in tests/reliability/test_bulk_upload_faults.py."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from complaints.bulk import bulk_upload_process
from complaints.bulk_uploads import bulk_upload_start
from complaints.models import BulkUpload, BulkUploadStatus, Listing
from complaints.tasks import sweep_bulk_uploads
from tests.bulk_files import listings_csv
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(django_capture_on_commit_callbacks) -> BulkUpload:
    """An upload accepted while its message never reached a worker (posted while the broker was down)."""
    complaint = ComplaintFactory()
    with django_capture_on_commit_callbacks(execute=False):
        upload, _created = bulk_upload_start(
            actor=complaint.filed_by,
            complaint_id=complaint.pk,
            upload=SimpleUploadedFile("listings.csv", listings_csv(30)),
        )
    return upload


def _running(upload: BulkUpload, *, attempts: int, heartbeat_age: timedelta | None) -> None:
    """As a worker leaves it: started `attempts` times, its last heartbeat that long ago (None: let go)."""
    BulkUpload.objects.filter(pk=upload.pk).update(
        status=BulkUploadStatus.RUNNING,
        attempts=attempts,
        heartbeat_at=None if heartbeat_age is None else timezone.now() - heartbeat_age,
    )


def test_a_queued_upload_is_started_by_the_sweep_only_after_the_grace_period(queued, settings):
    settings.IPRGOV_BULK_SWEEP_GRACE = timedelta(minutes=1)

    within_grace = sweep_bulk_uploads()
    BulkUpload.objects.filter(pk=queued.pk).update(heartbeat_at=timezone.now() - timedelta(minutes=2))
    after_grace = sweep_bulk_uploads()

    queued.refresh_from_db()
    assert within_grace == {"started": 0, "resumed": 0, "failed": 0}
    assert after_grace == {"started": 1, "resumed": 0, "failed": 0}
    assert (queued.status, queued.processed_rows, queued.attempts) == (BulkUploadStatus.DONE, 30, 1)
    assert Listing.objects.filter(complaint_id=queued.complaint_id).count() == 30


def test_a_running_upload_with_a_fresh_heartbeat_is_left_to_its_worker(queued, settings):
    settings.IPRGOV_BULK_STALE_AFTER = timedelta(minutes=5)
    _running(queued, attempts=1, heartbeat_age=timedelta(minutes=4))

    swept = sweep_bulk_uploads()
    duplicate = bulk_upload_process(upload_id=queued.pk)  # a second message for the same upload

    assert swept == {"started": 0, "resumed": 0, "failed": 0}
    assert duplicate is not None
    assert (duplicate.status, duplicate.attempts, duplicate.processed_rows) == (
        BulkUploadStatus.RUNNING,
        1,
        0,
    )


def test_an_upload_whose_worker_is_gone_is_resumed_by_the_watchdog(queued, settings):
    settings.IPRGOV_BULK_STALE_AFTER = timedelta(minutes=5)
    _running(queued, attempts=1, heartbeat_age=timedelta(minutes=6))

    swept = sweep_bulk_uploads()

    queued.refresh_from_db()
    assert swept == {"started": 0, "resumed": 1, "failed": 0}
    assert (queued.status, queued.processed_rows, queued.attempts) == (BulkUploadStatus.DONE, 30, 2)


def test_an_error_outside_the_file_lets_go_of_the_upload_and_the_watchdog_gives_up_after_the_attempts(
    queued, settings
):
    settings.IPRGOV_BULK_MAX_ATTEMPTS = 2
    queued.file.storage.delete(queued.file.name)  # the stored file is lost: no reading can succeed

    with pytest.raises(FileNotFoundError):
        bulk_upload_process(upload_id=queued.pk)
    let_go = BulkUpload.objects.get(pk=queued.pk)
    first = sweep_bulk_uploads()  # started again in-process: fails the same way
    second = sweep_bulk_uploads()

    queued.refresh_from_db()
    assert (let_go.status, let_go.attempts, let_go.heartbeat_at) == (BulkUploadStatus.RUNNING, 1, None)
    assert first == {"started": 0, "resumed": 1, "failed": 0}
    assert second == {"started": 0, "resumed": 0, "failed": 1}
    assert queued.status == BulkUploadStatus.FAILED
    assert queued.failure.startswith("Reading the file stopped before the end 2 times")
    assert queued.finished_at is not None
