"""Routing through a real Celery worker process on Redis, as in production: nothing runs eagerly here.

The worker is `python -m celery -A iprgov worker -Q routing,default` with DATABASE_URL pointing at
the test database, so it sees the rows this test commits (transactional_db commits for real).
"""

import os
import subprocess
import time
from collections.abc import Iterator

import pytest
from django.db import connection

from cases.models import Case, CaseStatus, HandlingMode
from complaints.models import RightType
from complaints.services import complaint_submit
from iprgov.celery import app as celery_app
from tests import workers
from tests.factories import (
    ComplaintFactory,
    EvidenceFileFactory,
    IPRightFactory,
    ListingFactory,
    OfficeFactory,
    PlatformFactory,
)
from tests.unavailable import service_unavailable
from tests.workers import QUEUES, stop_workers, tasks_sent_to

pytestmark = pytest.mark.worker

DEFAULT_BROKER = "redis://127.0.0.1:6379/15"
ROUTED_WITHIN_SECONDS = 30


def broker_url() -> str:
    return os.environ.get("CELERY_BROKER_URL") or DEFAULT_BROKER


def redis_reachable(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def celery_on_redis(settings, default_routing_rules) -> Iterator[str]:
    """Send tasks to Redis instead of running them in-process; restore the eager default afterwards."""
    if connection.vendor != "postgresql":
        service_unavailable(
            "the worker test needs PostgreSQL: a worker process cannot share an in-memory SQLite test db"
        )
    url = broker_url()
    if not redis_reachable(url):
        service_unavailable(f"Redis is not reachable at {url}; start it or set CELERY_BROKER_URL")
    with tasks_sent_to(settings, url):
        with celery_app.connection_for_write() as conn:
            # Messages left by an earlier, interrupted run would route rows of another test database.
            for queue in QUEUES:
                conn.default_channel.queue_purge(queue)  # type: ignore[attr-defined]  # kombu virtual channels have it; StdChannel does not declare it
        yield url


@pytest.fixture
def start_worker(celery_on_redis, tmp_path):
    """Start a real worker process; returns a function that reads its log so far."""
    procs: list[subprocess.Popen[bytes]] = []
    log_path = tmp_path / "worker.log"

    def start() -> None:
        procs.append(
            workers.start_worker(broker_url=celery_on_redis, log_path=log_path, media_root=tmp_path / "media")
        )

    yield start, (lambda: log_path.read_text(errors="replace") if log_path.exists() else "")
    stop_workers(procs)


def wait_until_routed(complaint_ids: list[int], worker_log) -> list[Case]:
    deadline = time.monotonic() + ROUTED_WITHIN_SECONDS
    while time.monotonic() < deadline:
        cases = list(Case.objects.filter(complaint_id__in=complaint_ids).order_by("pk"))
        # Every listing below has its own store, so each complaint makes exactly one case.
        if len(cases) == len(complaint_ids) and all(case.status != CaseStatus.NEW for case in cases):
            return cases
        time.sleep(0.3)
    pytest.fail(f"cases not routed within {ROUTED_WITHIN_SECONDS}s; worker log:\n{worker_log()[-4000:]}")


def test_submitted_complaints_are_routed_by_a_real_worker(start_worker):
    start, worker_log = start_worker
    platform = PlatformFactory()
    OfficeFactory(regions=[platform.region])
    filed = {
        HandlingMode.PLATFORM: ComplaintFactory(
            platform=platform, right=IPRightFactory(right_type=RightType.TRADEMARK)
        ),
        HandlingMode.ASSISTED: ComplaintFactory(
            platform=platform, right=IPRightFactory(right_type=RightType.INVENTION_PATENT)
        ),
        HandlingMode.ADMINISTRATIVE: ComplaintFactory(
            platform=platform,
            right=IPRightFactory(right_type=RightType.COPYRIGHT),
            requested_administrative=True,
        ),
    }
    for complaint in filed.values():
        ListingFactory(complaint=complaint)
        EvidenceFileFactory(complaint=complaint)

    for complaint in filed.values():
        complaint_submit(complaint_id=complaint.pk, actor=complaint.filed_by)

    # Committed and enqueued on Redis, but nothing routed in this process: no worker is running yet.
    assert not Case.objects.filter(complaint__in=filed.values()).exists()

    start()
    cases = wait_until_routed([c.pk for c in filed.values()], worker_log)

    assert {case.complaint_id: case.mode for case in cases} == {c.pk: mode for mode, c in filed.items()}
    assert all(case.office is not None and case.routing_reason and case.deadline for case in cases)
    assert worker_log().count("cases.tasks.route_complaint[") >= len(filed)
