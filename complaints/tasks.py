import logging

from celery import shared_task
from django.db import OperationalError

from complaints.bulk import bulk_upload_process

log = logging.getLogger(__name__)


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=8)
def process_bulk_upload(upload_id: int) -> None:
    bulk_upload_process(upload_id=upload_id)


def enqueue_bulk_upload(upload_id: int) -> None:
    try:
        process_bulk_upload.delay(upload_id)
    except Exception:  # noqa: BLE001 — broker down: the upload stays queued; its page offers nothing worse
        log.warning("Bulk upload %s not enqueued.", upload_id, exc_info=True)
