"""Celery tasks of the case lifecycle: thin wrappers that call the services (see CELERY_TASK_ROUTES for
the queue each runs on)."""

import logging

from celery import group, shared_task
from django.db import OperationalError

from cases.models import HandlingMode
from cases.services.deadlines import deadlines_run
from cases.services.list_counts import case_counts_compact
from cases.services.penalties import store_standings_recompute
from cases.services.routing import (
    complaint_cases_route,
    complaint_split_into_cases,
    complaints_route_pending,
    routing_chunks,
)
from iprgov.enqueue import enqueue_or_leave_to_sweep

log = logging.getLogger(__name__)


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=8)
def route_complaint(complaint_id: int) -> None:
    """Split the complaint into cases, then route them: here when they fit in one chunk, otherwise fanned
    out, a task per chunk, so that every worker process takes part. A chunk whose message is lost leaves
    its cases new, for the sweep."""
    chunks = routing_chunks(complaint_split_into_cases(complaint_id=complaint_id))
    if len(chunks) <= 1:
        complaint_cases_route(complaint_id=complaint_id, case_ids=chunks[0] if chunks else [])
        return
    group(route_cases.si(complaint_id, chunk) for chunk in chunks).apply_async()


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=8)
def route_cases(complaint_id: int, case_ids: list[int]) -> None:
    complaint_cases_route(complaint_id=complaint_id, case_ids=case_ids)


@shared_task(acks_late=True)
def sweep_unrouted() -> int:
    """Periodic: route what was submitted while the broker was down or whose task was lost."""
    return complaints_route_pending()


@shared_task(acks_late=True)
def run_deadlines() -> None:
    """Periodic: hand each handling mode's deadline work to that mode's own queue, so that the workers of
    one mode scale (and fail) apart from the others."""
    for mode in HandlingMode:
        run_mode_deadlines.apply_async(args=(mode.value,), queue=deadline_queue(mode))


@shared_task(acks_late=True)
def run_mode_deadlines(mode: str) -> dict[str, int]:
    """Reminders, overdue marks, lapsed requests, expired windows, penalties of one mode. Idempotent."""
    return deadlines_run(mode=mode)


@shared_task(acks_late=True)
def recompute_store_standings() -> int:
    """Periodic: stores whose penalty points expired recover their standing. Idempotent."""
    return store_standings_recompute()


def deadline_queue(mode: HandlingMode) -> str:
    return f"deadlines_{mode.value}"


def enqueue_complaint_routing(complaint_id: int) -> None:
    """Hand routing to the worker. A broker outage must not fail the submission: the sweep routes it later."""
    if not enqueue_or_leave_to_sweep(route_complaint, complaint_id):
        log.warning("Routing of complaint %s not enqueued; the sweep will route it.", complaint_id)


@shared_task
def fold_case_counts() -> int:
    return case_counts_compact()
