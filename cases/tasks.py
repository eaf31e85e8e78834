from celery import shared_task
from django.db import OperationalError


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=8)
def route_complaint(complaint_id: int) -> None:
    from cases.services.routing import complaint_route

    complaint_route(complaint_id=complaint_id)


@shared_task(acks_late=True)
def sweep_unrouted() -> int:
    """Periodic: route what was submitted while the broker was down or whose task was lost."""
    from cases.services.routing import complaint_route, complaints_needing_routing

    pending = complaints_needing_routing()
    for complaint_id in pending:
        complaint_route(complaint_id=complaint_id)
    return len(pending)


@shared_task(acks_late=True)
def run_deadlines() -> dict[str, int]:
    """Periodic: reminders, overdue marks, lapsed requests, expired windows, penalties. Idempotent."""
    from cases.services.deadlines import deadlines_run

    return deadlines_run()
