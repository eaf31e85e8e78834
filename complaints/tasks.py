from celery import shared_task
from django.db import OperationalError


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=8)
def process_bulk_upload(upload_id: int) -> None:
    from complaints.bulk import bulk_upload_process

    bulk_upload_process(upload_id=upload_id)
