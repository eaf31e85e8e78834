"""Celery tasks of records: thin wrappers around the services."""

from celery import shared_task

from records.retention import personal_data_past_retention_anonymise


@shared_task(acks_late=True)
def anonymise_past_retention() -> int:
    return personal_data_past_retention_anonymise()
