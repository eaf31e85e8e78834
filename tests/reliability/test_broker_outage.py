"""No case lost: the broker goes down or hangs during submissions, a worker is killed in the middle of a task.

These tests run their OWN redis-server (a free port from 6390 up, no persistence) so they can stop
and start it without touching the Redis that other tests and people share, and real Celery worker
processes (as tests/test_worker_routing.py) against the test database; the hung-broker test submits
through real gunicorn processes (tests/web_servers.py), where a client would wait.

Figures (requests, faults, cases lost) are printed with `-s` and quoted in docs/security.md.
"""

import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
from django.db.models import Count, Q
from django.utils import timezone

from audit.models import AuditEntry
from cases.models import Case, CaseStatus, HandlingMode
from cases.services.decisions import listing_decide
from cases.services.routing import complaint_split_into_cases
from cases.tasks import sweep_unrouted
from complaints.models import Complaint, ComplaintStatus
from complaints.services import complaint_submit
from tests.decisions import statement_of
from tests.factories import (
    CaseFactory,
    ComplaintFactory,
    IPRightFactory,
    ListingFactory,
    OfficeFactory,
    PlatformFactory,
    UserFactory,
)
from tests.faults_http import Answer, api_call, api_token
from tests.own_redis import OwnRedis
from tests.web_servers import WebServer, web_servers
from tests.workers import start_worker, stop_workers, worker_database_url
from webhooks.delivery import deliveries_due
from webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

SUBMITTED_BEFORE_CRASH = 5  # enqueued, then lost with the broker's memory
SUBMITTED_WHILE_DOWN = 20
SUBMITTED_AFTER_RESTART = 5
ROUTED_WITHIN_SECONDS = 60
VISIBILITY_TIMEOUT_SECONDS = 3


@pytest.fixture
def own_redis(broker: OwnRedis, settings, default_routing_rules) -> OwnRedis:
    settings.IPRGOV_ROUTING_SWEEP_GRACE = timedelta(0)
    return broker


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
    complaint = ComplaintFactory(platform=platform, evidence=1)
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

    # Given the worker is routing the complaint's chunk and waits for its second case (locked here, in
    # another session): a chunk is routed in one transaction, so nothing of it is written yet
    with psycopg.connect(worker_database_url().replace("postgres://", "postgresql://", 1)) as blocker:
        blocker.execute("SELECT id FROM enforcement_case WHERE id = %s FOR UPDATE", [second_id])
        worker = start_worker()
        wait_until(lambda: waiting_on_a_lock(blocker), "the worker to block on the second case", logs)

        # When the worker is killed (SIGKILL: no clean-up, the message is neither acked nor requeued by it)
        worker.kill()
        worker.wait(timeout=10)
        blocker.rollback()
    # Nothing half-done: neither case of the chunk is routed
    assert set(Case.objects.filter(pk__in=[first_id, second_id]).values_list("status", flat=True)) == {
        CaseStatus.NEW
    }

    # Then, once the visibility timeout has passed, a new worker gets the message again and finishes
    time.sleep(VISIBILITY_TIMEOUT_SECONDS + 0.5)
    start_worker()
    wait_until(
        lambda: not Case.objects.filter(pk__in=[first_id, second_id], status=CaseStatus.NEW).exists(),
        "both cases routed",
        logs,
    )
    per_case = routed_entries_per_case([complaint.pk])
    assert per_case == {first_id: 1, second_id: 1}
    print(
        "\nworker killed mid-chunk: 1 SIGKILL, nothing half-routed, task redelivered, 2 cases routed once each"
    )


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


SERVERS = 2
SUBMISSIONS_WHILE_HUNG = 30
HUNG_SECONDS = 15
# A behavioural bound, generous for a shared machine: with the broker's former 10 s socket timeout and a
# retry, each submission waited 10–30 s.
PROMPT_SECONDS = 5


def test_a_hung_broker_holds_no_submission_and_every_complaint_is_routed_once_it_answers(
    own_redis, workers, tmp_path
):
    start_worker, logs = workers
    platform = PlatformFactory()
    OfficeFactory(regions=[platform.region])
    right = IPRightFactory()
    holder = UserFactory(organisation=right.owner_org)
    drafts = [
        ListingFactory(
            complaint=ComplaintFactory(platform=platform, right=right, filed_by=holder, evidence=1)
        ).complaint
        for _ in range(SUBMISSIONS_WHILE_HUNG + 1)
    ]
    with web_servers(SERVERS, tmp_path=tmp_path, CELERY_BROKER_URL=own_redis.url) as servers:
        token = api_token(servers[0], holder)

        # Given servers that hand routing to this broker
        warm_up = api_call(servers[0].url(f"/api/v1/complaints/{drafts[0].pk}/submit/"), token=token)
        assert warm_up.status == 200, warm_up
        assert own_redis.queue_length("routing") == 1

        # When the broker hangs (it accepts connections and answers nothing) while complaints are submitted
        # to every server, spread over the hang
        own_redis.hang()
        try:
            answers = submitted_over(HUNG_SECONDS, servers, drafts[1:], token)
        finally:
            own_redis.resume()

    # Then each submission answered promptly and stands, the routing left to the sweep where not enqueued
    assert [a.status for a in answers] == [200] * SUBMISSIONS_WHILE_HUNG, [a.body for a in answers]
    slowest = max(a.seconds for a in answers)
    assert slowest < PROMPT_SECONDS
    assert Complaint.objects.filter(status=ComplaintStatus.SUBMITTED).count() == len(drafts)
    server_logs = [server.log_path.read_text(errors="replace") for server in servers]
    timeouts = [log.count("Broker unreachable") for log in server_logs]
    assert all(timeouts), timeouts  # every server met the hung broker, at least once
    not_enqueued = sum(log.count("not enqueued; the sweep will route it") for log in server_logs)

    # When the broker answers again, a worker runs and so does the periodic sweep
    start_worker()
    sweep_unrouted.delay()

    # Then every complaint is routed, each case exactly once
    everything = [c.pk for c in drafts]
    wait_until(lambda: unrouted(everything) == 0, "every complaint routed", logs)
    assert set(routed_entries_per_case(everything).values()) == {1}
    durations = sorted(a.seconds for a in answers)
    print(
        f"\nhung broker: {len(answers)} submissions to {SERVERS} servers over {HUNG_SECONDS} s of SIGSTOP, "
        f"all 200, median {durations[len(durations) // 2] * 1000:.0f} ms, slowest {slowest * 1000:.0f} ms; "
        f"{sum(timeouts)} publish timeouts, {not_enqueued} routings left to the sweep; after resume all "
        f"{len(everything)} complaints routed, each case once"
    )


def submitted_over(
    seconds: float, servers: list[WebServer], drafts: list[Complaint], token: str
) -> list[Answer]:
    """Submit the drafts through the API, evenly spread over `seconds` and over the servers (one client
    thread each), as steady filing does; the answers in the order of the drafts."""
    interval = seconds * len(servers) / len(drafts)
    started = time.monotonic()

    def submit_share(index: int) -> list[Answer]:
        share = drafts[index :: len(servers)]
        answers = []
        for position, draft in enumerate(share):
            time.sleep(max(0.0, started + position * interval - time.monotonic()))
            answers.append(
                api_call(servers[index].url(f"/api/v1/complaints/{draft.pk}/submit/"), token=token)
            )
        return answers

    with ThreadPoolExecutor(max_workers=len(servers)) as pool:
        shares = list(pool.map(submit_share, range(len(servers))))
    return [shares[i % len(servers)][i // len(servers)] for i in range(len(drafts))]


ENDPOINTS = 3


def test_a_request_that_enqueues_several_tasks_waits_on_a_hung_broker_once(own_redis, caplog):
    # Given a platform with several webhook endpoints, so that one decision enqueues a delivery per event
    # and endpoint, and a broker that hangs
    platform = PlatformFactory()
    for n in range(ENDPOINTS):
        WebhookEndpoint.objects.create(platform=platform, url=f"https://hooks.example.test/{n}")
    case = CaseFactory(
        platform=platform,
        complaint__platform=platform,
        status=CaseStatus.AWAITING_PLATFORM,
        mode=HandlingMode.PLATFORM,
    )
    own_redis.hang()

    # When the platform takes the listing down (the case is decided and the notice forwarded)
    started = time.monotonic()
    try:
        listing_decide(
            case_id=case.pk,
            listing_ids=[case.listings.get().pk],
            actor=UserFactory(organisation=platform.organisation),
            action="take_down",
            reason_code="counterfeit",
            statement=statement_of(),
        )
    finally:
        seconds = time.monotonic() - started
        own_redis.resume()

    # Then the decision waited for the broker once, and left every delivery pending for the sweep
    deliveries = WebhookDelivery.objects.filter(case_id=case.pk)
    assert deliveries.count() > ENDPOINTS  # more than one event, each to every endpoint
    assert set(deliveries.values_list("status", flat=True)) == {DeliveryStatus.PENDING}
    messages = [record.getMessage() for record in caplog.records]
    assert sum("Broker unreachable" in m for m in messages) == 1
    assert sum("not enqueued; the sweep will send it" in m for m in messages) == deliveries.count()
    assert set(deliveries_due(now=timezone.now() + timedelta(minutes=10))) == set(
        deliveries.values_list("pk", flat=True)
    )
    print(
        f"\nhung broker, one request enqueuing {deliveries.count()} webhook deliveries: one publish timeout, "
        f"{seconds * 1000:.0f} ms in all, every delivery left pending for the sweep"
    )
