from celery import shared_task

from aggregates.services import overdue_now_refresh


@shared_task
def refresh_overdue_now() -> int:
    return overdue_now_refresh()
