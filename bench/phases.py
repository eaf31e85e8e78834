"""The phases of a scale run, each measuring one thing of issue 13 (bench/scale.py runs them in order).

Needs Django set up on the run's own database; the product and the floor are served by gunicorn
(bench/serve.py) and driven over HTTP (bench/load_client.py).
"""

import json
import random
import secrets
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from http.client import HTTPConnection
from urllib.parse import urlencode

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from accounts.services_tokens import api_token_create
from bench import world as loader
from bench.floor.table import GROUPS
from bench.load_client import Figures, Request, Sample, Step, drive, json_body, send, sending
from cases import receivers
from cases.models import Case, CaseStatus
from cases.services.deadlines import deadlines_run
from cases.services.decisions import cases_decide_bulk
from cases.services.penalties import penalties_apply_due
from cases.services.routing import complaint_route, complaints_route_pending
from complaints.models import Complaint, EvidenceRequirement, InfringementType, IPRight, Listing
from complaints.services import ListingInput, complaint_create, complaint_submit
from platforms.models import DecisionAction, Platform, ReasonCode
from platforms.statements import StatementParts


def timed[T](work: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    result = work()
    return result, time.perf_counter() - started


def closed_cases() -> int:
    return Case.objects.filter(status=CaseStatus.CLOSED).count()


@dataclass(frozen=True)
class SweepFigure:
    closed_cases: int
    all_cases: int
    # Each the best of the runs: the job's own cost, without the machine's noise.
    seconds: float
    routed: int
    deadline_seconds: float
    penalty_seconds: float


def sweep_measure(*, runs: int = 3) -> SweepFigure:
    """Time the periodic work on the world as it is: the routing sweep (nothing to route), the deadline
    job of every mode and, alone, its penalty step (nothing marked due). The deadline job runs as of ten
    years ago, a day on which no loaded deadline is near or past, so it reads its candidates and changes
    nothing in the world the pages are measured on."""
    quiet_day = timezone.now() - timedelta(days=3650)
    sweeps, deadlines, penalties, routed = [], [], [], 0
    for _ in range(runs):
        routed, seconds = timed(complaints_route_pending)
        sweeps.append(seconds)
        deadlines.append(timed(lambda: deadlines_run(now=quiet_day))[1])
        penalties.append(timed(penalties_apply_due)[1])
    return SweepFigure(
        closed_cases(), Case.objects.count(), min(sweeps), routed, min(deadlines), min(penalties)
    )


@dataclass(frozen=True)
class BulkDecisionFigure:
    cases: int
    refused: int
    queries: int
    seconds: float


def bulk_decision_measure(world: loader.World, *, cases: int = 200) -> BulkDecisionFigure:
    """Take down every pending listing of the platform's `cases` oldest cases awaiting its decision in one
    bulk decision, as the queue's "select all" (at most 200) sends it: its queries and time. Rolled back
    at the end: the world stays as the other phases read it, and what runs after commit (webhook
    deliveries, documents, mail: enqueued to the broker in production, run in-process here) is not run."""
    chosen = list(
        Case.objects.filter(platform_id=world.platform_id(), status=CaseStatus.AWAITING_PLATFORM)
        .order_by("pk")
        .values_list("pk", flat=True)[:cases]
    )
    user = User.objects.get(pk=world.platform_user())
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        refused, seconds = timed(
            lambda: cases_decide_bulk(
                case_ids=chosen,
                actor=user,
                action=DecisionAction.TAKE_DOWN,
                reason_code=ReasonCode.COUNTERFEIT,
                statement=StatementParts(
                    measure_scope="",
                    facts="Test purchases showed goods bearing the registered mark the rightsholder never made.",
                    legal_ground="",
                    automated_means=False,
                    redress="",
                ),
            )
        )
        transaction.set_rollback(True)
    return BulkDecisionFigure(len(chosen), len(refused), len(queries), seconds)


@dataclass(frozen=True)
class Actors:
    """Who the load client acts as: session cookies of the consoles' users and API keys."""

    platform_cookie: str
    office_cookie: str
    holder_cookie: str
    supervisor_cookie: str
    platform_key: str
    holder_keys: list[str]

    @staticmethod
    def make(world: loader.World, *, holder_keys: int) -> "Actors":
        return Actors(
            platform_cookie=_session_cookie(world.platform_user()),
            office_cookie=_session_cookie(world.office_manager()),
            holder_cookie=_session_cookie(world.holder_user()),
            supervisor_cookie=_session_cookie(world.supervisor_user()),
            platform_key=_api_key(world.platform_user()),
            holder_keys=[_api_key(world.holder_user()) for _ in range(holder_keys)],
        )


def _session_cookie(user_id: int) -> str:
    """A signed-in session of the user, made as a sign-in makes it (saved in the session store)."""
    client = Client()
    client.force_login(User.objects.get(pk=user_id))
    return f"sessionid={client.cookies['sessionid'].value}"


def _api_key(user_id: int) -> str:
    return api_token_create(user=User.objects.get(pk=user_id), name="bench").key


@dataclass(frozen=True)
class Page:
    name: str
    request: Request


def pages(world: loader.World, actors: Actors, big_case_id: int) -> list[Page]:
    """The pages and API lists of issue 13 and those main has gained since, as their users ask for them."""
    platform = {"Cookie": actors.platform_cookie}
    office = {"Cookie": actors.office_cookie}
    api = {"Authorization": f"Token {actors.platform_key}"}
    store_number = world.stores_of(0)[0] + 7
    store = f"store-{store_number}"
    # A listing of a case on the platform, searched by its whole URL as a person pastes it.
    listing_url = Listing.objects.filter(case__platform_id=world.platform_id()).values_list("url", flat=True)[
        0
    ]
    a_day_ago = (timezone.now() - timedelta(days=1)).isoformat()
    return [
        Page("platform queue", Request("GET", "/platform/", platform)),
        Page(
            "queue: mode + status",
            Request("GET", "/platform/?mode=platform&status=awaiting_platform", platform),
        ),
        Page("queue: searched", Request("GET", f"/platform/?q={store}", platform)),
        Page("queue: newest first", Request("GET", "/platform/?sort=newest", platform)),
        Page("queue: oldest first", Request("GET", "/platform/?sort=oldest", platform)),
        Page(
            "queue: by listing URL", Request("GET", f"/platform/?{urlencode({'q': listing_url})}", platform)
        ),
        Page("queue: by store name", Request("GET", f"/platform/?q=Store+{store_number}", platform)),
        Page("office docket", Request("GET", "/office/", office)),
        Page(
            "docket: mode + status",
            Request("GET", "/office/?mode=administrative&status=awaiting_office_decision", office),
        ),
        Page("rightsholder cases", Request("GET", "/portal/", {"Cookie": actors.holder_cookie})),
        Page("case: 10,000 listings", Request("GET", f"/platform/cases/{big_case_id}/", platform)),
        Page(
            "GET /api/v1/cases/",
            Request("GET", "/api/v1/cases/", api),
        ),
        Page(
            "GET /api/v1/cases/?updated_since=",
            Request("GET", f"/api/v1/cases/?{urlencode({'updated_since': a_day_ago})}", api),
        ),
        Page("GET /api/v1/events/", Request("GET", "/api/v1/events/", api)),
        Page("/transparency/", Request("GET", "/transparency/")),
        Page("/transparency/register/", Request("GET", "/transparency/register/")),
        Page("stats.json", Request("GET", "/transparency/stats.json")),
        Page("office dashboard", Request("GET", "/office/dashboard/", office)),
        Page("supervision dashboard", Request("GET", "/supervision/", {"Cookie": actors.supervisor_cookie})),
        Page("/health/ready", Request("GET", "/health/ready")),
    ]


def floor_step(connection_: HTTPConnection, number: int) -> list[Sample]:
    group = random.Random(number).randrange(GROUPS)  # noqa: S311 — load spread, not a secret
    return [send(connection_, Request("GET", f"/rows/?group={group}"))]


def floor_post_step(connection_: HTTPConnection, number: int) -> list[Sample]:
    body = json_body({"group": number % GROUPS, "title": f"posted {number}"})
    return [send(connection_, Request("POST", "/rows/", {"Content-Type": "application/json"}, body))]


@dataclass
class Comparison:
    """One page (or path) beside the floor, at one number of clients, pooled over the rounds."""

    name: str
    clients: int
    product: Figures
    floor: Figures

    @property
    def p95_ratio(self) -> float:
        return self.product.percentile_ms(0.95) / self.floor.percentile_ms(0.95)


def pages_measure(
    *,
    product_port: int,
    floor_port: int,
    targets: list[Page],
    clients: tuple[int, ...],
    rounds: int,
    seconds: float,
    progress: Callable[[str], None],
) -> list[Comparison]:
    """Interleaved rounds: in each, every page at each number of clients, the floor right after it."""
    results = {(p.name, c): Comparison(p.name, c, Figures(), Figures()) for p in targets for c in clients}
    for round_number in range(1, rounds + 1):
        for count in clients:
            for page in targets:
                result = results[(page.name, count)]
                result.product.add(
                    *drive(port=product_port, step=sending(page.request), clients=count, seconds=seconds)
                )
                result.floor.add(*drive(port=floor_port, step=floor_step, clients=count, seconds=seconds))
                progress(
                    f"round {round_number}, {count} client(s), {page.name}: "
                    f"p50 {result.product.percentile_ms(0.5):,.1f} ms ({result.product.count} requests)"
                )
    return list(results.values())


def filing_setup(world: loader.World) -> tuple[IPRight, Platform]:
    """What the load client files against: holder 0's right on platform 0, with no evidence file required
    (the API filing figure is one create and one submit; evidence has an upload endpoint of its own)."""
    EvidenceRequirement.objects.update_or_create(
        infringement_type=InfringementType.COUNTERFEIT, defaults={"minimum_files": 0}
    )
    return IPRight.objects.get(pk=world.right_base + 1), Platform.objects.get(pk=world.platform_id())


def filing_step(*, keys: list[str], right_id: int, platform_id: int, store_refs: list[str]) -> Step:
    """Create a one-listing complaint and submit it through the API (two requests), each client with a
    key of its own."""

    def step(connection_: HTTPConnection, number: int) -> list[Sample]:
        headers = {"Authorization": f"Token {keys[number // 1_000_000 % len(keys)]}"}
        store = store_refs[number % len(store_refs)]
        body = {
            "right": right_id,
            "platform": platform_id,
            "infringement_type": InfringementType.COUNTERFEIT,
            "description": "Counterfeit goods under the registered mark.",
            "good_faith_declared": True,
            "listings": [
                {"url": f"https://shop.example.test/filed/{secrets.token_hex(8)}", "store_ref": store}
            ],
        }
        created = send(
            connection_,
            Request("POST", CREATE_PATH, {**headers, "Content-Type": "application/json"}, json_body(body)),
        )
        if created.status != 201:
            return [created]
        complaint_id = json.loads(created.body)["id"]
        return [created, send(connection_, Request("POST", f"{CREATE_PATH}{complaint_id}/submit/", headers))]

    return step


CREATE_PATH = "/api/v1/complaints/"


@dataclass
class FilingComparison:
    clients: int
    create: Figures
    submit: Figures
    floor: Figures

    @property
    def complaints_per_second(self) -> float:
        filed = sum(1 for s in self.submit.samples if s.status == 200)
        return filed / self.create.wall_seconds if self.create.wall_seconds else 0.0


def filing_measure(
    *,
    product_port: int,
    floor_port: int,
    step: Step,
    clients: tuple[int, ...],
    rounds: int,
    seconds: float,
) -> list[FilingComparison]:
    """Interleaved rounds of filing through the API and of the floor's POST, at each number of clients."""
    results = {c: FilingComparison(c, Figures(), Figures(), Figures()) for c in clients}
    for _ in range(rounds):
        for count in clients:
            result = results[count]
            samples, wall = drive(port=product_port, step=step, clients=count, seconds=seconds)
            result.create.add([s for s in samples if s.path == CREATE_PATH], wall)
            result.submit.add([s for s in samples if s.path != CREATE_PATH], wall)
            result.floor.add(*drive(port=floor_port, step=floor_post_step, clients=count, seconds=seconds))
    return list(results.values())


@dataclass(frozen=True)
class RoutingFigure:
    submitted: int
    routed: int
    p50_ms: float
    p99_ms: float
    waited_seconds: float


def routing_latency(*, since_id: int, timeout: float = 300) -> RoutingFigure:
    """From each complaint's submission to its last case routed by the worker, for the complaints filed
    after `since_id`; waits (up to `timeout`) until every submitted one is routed."""
    submitted = Complaint.objects.filter(pk__gt=since_id, status="submitted")
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        pending = Case.objects.filter(complaint__in=submitted, routed_at=None).count()
        unsplit = submitted.filter(cases=None).count()
        if not pending and not unsplit:
            break
        time.sleep(0.5)
    waited = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT extract(epoch FROM max(k.routed_at) - c.submitted_at) FROM complaints_complaint c "
            "JOIN enforcement_case k ON k.complaint_id = c.id WHERE c.id > %s AND c.status = 'submitted' "
            "GROUP BY c.id HAVING count(*) = count(k.routed_at)",
            [since_id],
        )
        latencies = sorted(float(row[0]) * 1000 for row in cursor.fetchall())
    if not latencies:
        return RoutingFigure(submitted.count(), 0, float("nan"), float("nan"), waited)
    return RoutingFigure(
        submitted=submitted.count(),
        routed=len(latencies),
        p50_ms=statistics.median(latencies),
        p99_ms=latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))],
        waited_seconds=waited,
    )


@dataclass(frozen=True)
class RoutingCost:
    create_submit_queries: int
    route_queries: int
    route_ms: float


def routing_cost(*, world: loader.World, right: IPRight, platform: Platform, store_ref: str) -> RoutingCost:
    """Queries of filing one one-store complaint in-process (create + submit), and of routing it (the
    worker's task: split, route its case, acknowledge)."""
    receivers.enqueue_complaint_routing = lambda complaint_id: None  # routed below, counted on its own
    user = User.objects.get(pk=world.holder_user())
    with CaptureQueriesContext(connection) as filing:
        draft = complaint_create(
            actor=user,
            right=right,
            platform=platform,
            infringement_type=InfringementType.COUNTERFEIT,
            description="Counted",
            good_faith_declared=True,
            listings=[
                ListingInput(url="https://shop.example.test/counted/1", listing_ref="", store_ref=store_ref)
            ],
            evidence=[SimpleUploadedFile("test purchase.pdf", b"%PDF-1.4 bench evidence")],
        )
        complaint_submit(complaint_id=draft.pk, actor=user)
    with CaptureQueriesContext(connection) as routing:
        _, seconds = timed(lambda: complaint_route(complaint_id=draft.pk))
    return RoutingCost(len(filing.captured_queries), len(routing.captured_queries), seconds * 1000)
