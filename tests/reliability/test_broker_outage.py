"""No case lost: the broker goes down during submissions, a worker is killed in the middle of a task.

These tests run their OWN redis-server (a free port from 6390 up, no persistence) so they can stop
and start it without touching the Redis that other tests and people share, and real Celery worker
processes (as tests/test_worker_routing.py) against the test database.

Figures (requests, faults, cases lost) are printed with `-s` and quoted in docs/security.md.
"""

import shutil
import subprocess
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from django.db.models import Count, Q

from audit.models import AuditEntry
from cases.models import Case, CaseStatus
from cases.services.routing import complaint_split_into_cases
from cases.tasks import sweep_unrouted
from complaints.models import Complaint, ComplaintStatus
from complaints.services import complaint_submit
from tests.factories import ComplaintFactory, ListingFactory, OfficeFactory, PlatformFactory
from tests.own_redis import OwnRedis
from tests.unavailable import service_unavailable
from tests.workers import start_worker, stop_workers, tasks_sent_to, worker_database_url

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

SUBMITTED_BEFORE_CRASH = 5  # enqueued, then lost with the broker's memory
SUBMITTED_WHILE_DOWN = 20
SUBMITTED_AFTER_RESTART = 5
ROUTED_WITHIN_SECONDS = 60
VISIBILITY_TIMEOUT_SECONDS = 3


@pytest.fixture
def own_redis(tmp_path: Path, settings, monkeypatch, default_routing_rules) -> Iterator[OwnRedis]:
    if connection.vendor != "postgresql":
        service_unavailable("worker processes need the PostgreSQL test database")
    if not shutil.which("redis-server"):
        service_unavailable("redis-server is not installed")
    server = OwnRedis(tmp_path)
    server.start()
    monkeypatch.setenv("CELERY_BROKER_URL", server.url)  # Celery reads it before its own setting
    settings.IPRGOV_ROUTING_SWEEP_GRACE = timedelta(0)
    with tasks_sent_to(settings, server.url):
        yield server
    server.stop()


@pytest.fixture
def workers(own_redis: OwnRedis, tmp_path: Path):
    """Start real worker processes on the test's own Redis; returns start() and the processes."""
    procs: list[subprocess.Popen[bytes]] = []

    def start() -> subprocess.Popen[bytes]:
        proc = start_worker(
            broker_url=own_redis.url,
            log_path=tmp_path / f"worker-{len(procs)}.log",
            media_root=tmp_path / "media",
            CELERY_BROKER_VISIBILITY_TIMEOUT=str(VISIBILITY_TIMEOUT_SECONDS),
            IPRGOV_ROUTING_SWEEP_GRACE_SECONDS="0",
        )
        procs.append(proc)
        return proc

    def logs() -> str:
        return "\n".join(p.read_text(errors="replace")[-3000:] for p in sorted(tmp_path.glob("worker-*.log")))

    yield start, logs
    stop_workers(procs)


def file_complaint(platform, stores: int = 1) -> Complaint:
    complaint = ComplaintFactory(platform=platform)
    for _ in range(stores):
        ListingFactory(complaint=complaint)  # each listing names a store of its own
    return complaint


def submit(complaint: Complaint) -> float:
    """Submit; returns the seconds it took, printed as a figure (never asserted: machines differ)."""
    started = time.monotonic()
    complaint_submit(complaint_id=complaint.pk, actor=complaint.filed_by)
    return time.monotonic() - started


def wait_until(predicate, what: str, logs) -> None:
    deadline = time.monotonic() + ROUTED_WITHIN_SECONDS
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    pytest.fail(f"{what} not within {ROUTED_WITHIN_SECONDS}s; worker logs:\n{logs()}")


def unrouted(complaint_ids: list[int]) -> int:
    complaints = Complaint.objects.filter(pk__in=complaint_ids).annotate(
        cases_n=Count("cases", distinct=True),
        new_n=Count("cases", filter=Q(cases__status=CaseStatus.NEW), distinct=True),
    )
    return sum(1 for c in complaints if c.cases_n == 0 or c.new_n > 0) + len(complaint_ids) - len(complaints)


def routed_entries_per_case(complaint_ids: list[int]) -> dict[int, int]:
    case_ids = list(Case.objects.filter(complaint_id__in=complaint_ids).values_list("pk", flat=True))
    counts = dict.fromkeys(case_ids, 0)
    for entry in AuditEntry.objects.filter(case_id__in=case_ids, action="routed"):
        assert entry.case_id is not None  # filtered on case_id above
        counts[entry.case_id] += 1
    return counts


def test_complaints_submitted_while_the_broker_is_down_are_saved_and_each_case_is_routed_once(
    own_redis, workers
):
    start_worker, logs = workers
    platform = PlatformFactory()
    OfficeFactory(regions=[platform.region])

    # Given complaints queued for routing, then a broker crash that loses the queue
    before = [file_complaint(platform) for _ in range(SUBMITTED_BEFORE_CRASH)]
    for complaint in before:
        submit(complaint)
    assert own_redis.queue_length("routing") == SUBMITTED_BEFORE_CRASH
    own_redis.stop()

    # When complaints are submitted while it is down
    down = [file_complaint(platform) for _ in range(SUBMITTED_WHILE_DOWN)]
    timings = [submit(complaint) for complaint in down]

    # Then each submission returns and is saved, with nothing routed yet
    assert Complaint.objects.filter(
        pk__in=[c.pk for c in down], status=ComplaintStatus.SUBMITTED
    ).count() == len(down)
    assert not Case.objects.exists()

    # When the broker is back, more are filed, workers run and the periodic sweep runs (queued and in-process)
    own_redis.start()
    after = [file_complaint(platform) for _ in range(SUBMITTED_AFTER_RESTART)]
    for complaint in after:
        submit(complaint)
    start_worker()
    start_worker()
    sweep_unrouted.delay()
    swept_here = sweep_unrouted()

    # Then every case is routed, each exactly once
    everything = [c.pk for c in before + down + after]
    wait_until(lambda: unrouted(everything) == 0, "every complaint routed", logs)
    per_case = routed_entries_per_case(everything)
    assert len(per_case) == len(everything)  # one listing, one store, one case per complaint
    assert set(per_case.values()) == {1}, per_case
    opened = AuditEntry.objects.filter(case_id__in=per_case, action="case_opened").count()
    assert opened == len(per_case)
    print(
        f"\nbroker outage: {len(everything)} complaints submitted ({SUBMITTED_WHILE_DOWN} while the broker was down, "
        f"{SUBMITTED_BEFORE_CRASH} lost from its queue), slowest submission while down {max(timings) * 1000:.0f} ms, "
        f"in-process sweep routed {swept_here} complaints, {len(per_case)} cases routed once each, 0 lost"
    )


def test_a_worker_killed_in_the_middle_of_routing_leaves_the_task_to_the_next_worker(own_redis, workers):
    start_worker, logs = workers
    platform = PlatformFactory()
    OfficeFactory(regions=[platform.region])
    complaint = file_complaint(platform, stores=2)
    submit(complaint)
    first_id, second_id = complaint_split_into_cases(complaint_id=complaint.pk)

    # Given the worker has routed the first case and waits for the second (locked here, in another session)
    with psycopg.connect(worker_database_url().replace("postgres://", "postgresql://", 1)) as blocker:
        blocker.execute("SELECT id FROM enforcement_case WHERE id = %s FOR UPDATE", [second_id])
        worker = start_worker()
        wait_until(
            lambda: Case.objects.get(pk=first_id).status != CaseStatus.NEW and waiting_on_a_lock(blocker),
            "the worker to route the first case and block on the second",
            logs,
        )

        # When the worker is killed (SIGKILL: no clean-up, the message is neither acked nor requeued by it)
        worker.kill()
        worker.wait(timeout=10)
        blocker.rollback()
    assert Case.objects.get(pk=second_id).status == CaseStatus.NEW

    # Then, once the visibility timeout has passed, a new worker gets the message again and finishes
    time.sleep(VISIBILITY_TIMEOUT_SECONDS + 0.5)
    start_worker()
    wait_until(
        lambda: Case.objects.get(pk=second_id).status != CaseStatus.NEW, "the second case routed", logs
    )
    per_case = routed_entries_per_case([complaint.pk])
    assert per_case == {first_id: 1, second_id: 1}
    print("\nworker killed mid-task: 1 SIGKILL, task redelivered, 2 cases routed once each, 0 lost")


def waiting_on_a_lock(session: psycopg.Connection) -> bool:
    with psycopg.connect(
        worker_database_url().replace("postgres://", "postgresql://", 1), autocommit=True
    ) as probe:
        row = probe.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> %s",
            [session.info.backend_pid],
        ).fetchone()
    return bool(row and row[0])
