import logging

from celery import shared_task
from django.db import OperationalError

from complaints.bulk import bulk_upload_process
from complaints.bulk_recovery import bulk_uploads_recover
from iprgov.enqueue import enqueue_or_leave_to_sweep

log = logging.getLogger(__name__)


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=8)
def process_bulk_upload(upload_id: int) -> None:
    bulk_upload_process(upload_id=upload_id)


@shared_task(acks_late=True)
def sweep_bulk_uploads() -> dict[str, int]:
    """Periodic: start uploads whose message never reached a worker, resume those whose worker is gone,
    give up on those started too often. The reading itself goes to the bulk queue, never runs here: a
    large file would hold up the other periodic work."""
    recovery = bulk_uploads_recover()
    for upload_id in recovery.to_enqueue:
        enqueue_bulk_upload(upload_id)
    return {
        "started": len(recovery.started),
        "resumed": len(recovery.resumed),
        "failed": len(recovery.failed),
    }


def enqueue_bulk_upload(upload_id: int) -> None:
    """Hand the upload to the worker; with the broker down it stays queued for the sweep of queued uploads."""
    if not enqueue_or_leave_to_sweep(process_bulk_upload, upload_id):
        log.warning("Bulk upload %s not enqueued.", upload_id)
