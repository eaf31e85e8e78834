"""Limits shared by every web process, and no outage from them: three real gunicorn processes on the test
database (tests/web_servers.py), and for the API throttles a redis-server of the test's own.

* The sign-in lockout counts in the database: failures spread over three processes lock the account on
  every one, with each process's cache its own.
* A throttle rate counts in the shared Redis: calls spread over three processes get the rate once.
* The cache server killed, or hung, under a steady stream of API filings and sign-ins: no server error,
  every filing saved (the throttles count per process meanwhile).

Figures (requests, status counts, slowest request) are printed with `-s`.
"""

import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection

from accounts.lockout import locked_out_message
from accounts.models import OrgKind, User
from complaints.models import Complaint
from tests.api.conftest import complaint_body
from tests.factories import PASSWORD, IPRightFactory, OrganisationFactory, PlatformFactory, UserFactory
from tests.limits_http import Tally, call_api, sign_in_for_token, sign_in_on_page
from tests.own_redis import OwnRedis
from tests.unavailable import service_unavailable
from tests.web_servers import WebServer, web_servers

pytestmark = pytest.mark.django_db(transaction=True)

SERVERS = 3
WRONG = "wrong-password-1"
# Nothing but the limit under test may refuse a call: the other rates are far above what a test sends.
GENEROUS = {"IPRGOV_API_THROTTLE_USER": "100000/hour", "IPRGOV_API_THROTTLE_ANON": "100000/hour"}
# No broker: nothing here enqueues, and nothing may reach the Redis other tests share.
NO_BROKER = {"CELERY_BROKER_URL": ""}
# The steady stream: seconds before the fault, during it, and after (long enough for every process to try
# the cache again: iprgov.throttling.RETRY_SHARED_AFTER_SECONDS).
BEFORE_SECONDS, FAULT_SECONDS, AFTER_SECONDS = 3.0, 10.0, 7.0
SIGN_IN_EVERY = 3  # filings


@pytest.fixture(autouse=True)
def _real_processes_on_postgresql(settings) -> None:
    if connection.vendor != "postgresql":
        service_unavailable("server processes need the PostgreSQL test database")
    # The servers check passwords with the production hasher, so the users made here must use it too.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[OwnRedis]:
    if not shutil.which("redis-server"):
        service_unavailable("redis-server is not installed")
    server = OwnRedis(tmp_path)
    server.start()
    yield server
    server.stop()


def cache_url(server: OwnRedis) -> str:
    return server.url.removesuffix("/0") + "/1"


def rightsholder() -> User:
    return UserFactory(organisation=OrganisationFactory(kind=OrgKind.RIGHTSHOLDER))


def test_the_lockout_holds_across_three_server_processes(tmp_path: Path) -> None:
    user = rightsholder()
    tally = Tally()
    # Each process keeps its own cache (none is shared): the lockout must not depend on it.
    with web_servers(SERVERS, tmp_path=tmp_path, **GENEROUS, **NO_BROKER) as servers:
        # Given the right password signs in on every process
        assert [tally.add("before", sign_in_on_page(s, user.username, PASSWORD)).status for s in servers] == [
            302
        ] * SERVERS

        # When the wrong passwords of one lockout are spread over the processes, at the page and the API
        for attempt in range(settings.IPRGOV_LOGIN_MAX_FAILURES):
            server = servers[attempt % SERVERS]
            if attempt % 2:
                tally.add("wrong password, token endpoint", sign_in_for_token(server, user.username, WRONG))
            else:
                tally.add("wrong password, login page", sign_in_on_page(server, user.username, WRONG))

        # Then the right password is refused on every process, saying that sign-in is locked
        pages = [
            tally.add("right password, login page", sign_in_on_page(s, user.username, PASSWORD))
            for s in servers
        ]
        tokens = [
            tally.add("right password, token endpoint", sign_in_for_token(s, user.username, PASSWORD))
            for s in servers
        ]

    print(f"\nlockout across {SERVERS} processes: {tally.figures()}")
    assert all(page.status == 200 and locked_out_message().encode() in page.body for page in pages)
    assert [token.status for token in tokens] == [429] * SERVERS
    assert {token.json()["errors"][0]["code"] for token in tokens} == {"locked_out"}
    assert not tally.failed()


def test_a_throttle_rate_is_counted_once_across_three_server_processes(
    tmp_path: Path, own_redis: OwnRedis
) -> None:
    user = rightsholder()
    tally = Tally()
    rate = 10
    with web_servers(
        SERVERS,
        tmp_path=tmp_path,
        **GENEROUS | {"IPRGOV_API_THROTTLE_USER": f"{rate}/minute"},
        DJANGO_CACHE_URL=cache_url(own_redis),
        **NO_BROKER,
    ) as servers:
        token = sign_in_for_token(servers[0], user.username, PASSWORD).json()["token"]

        # Half as many calls again as the rate, spread over the processes: each alone would allow them all
        answers = [
            tally.add("complaint list", call_api(servers[n % SERVERS], "/api/v1/complaints/", token=token))
            for n in range(rate + rate // 2)
        ]

    print(f"\n{rate}/minute across {SERVERS} processes, counted in Redis: {tally.figures()}")
    assert [a.status for a in answers] == [200] * rate + [429] * (rate // 2)
    assert answers[-1].json()["errors"][0]["code"] == "throttled"


def steady_stream(
    servers: list[WebServer],
    user: User,
    body: dict,
    token: str,
    fault: Callable[[], None],
    recover: Callable[[], None],
) -> tuple[Tally, list[int], int]:
    """File complaints through the API, one server after the other, with a sign-in (page or token endpoint)
    every few filings; `fault()` after BEFORE_SECONDS, `recover()` FAULT_SECONDS later. Returns the answers,
    the ids of the complaints the API said it filed, and how many filings were sent."""
    tally = Tally()
    filed: list[int] = []
    sent = 0
    started = time.monotonic()
    phase = "before"
    while (elapsed := time.monotonic() - started) < BEFORE_SECONDS + FAULT_SECONDS + AFTER_SECONDS:
        if phase == "before" and elapsed >= BEFORE_SECONDS:
            fault()
            phase = "during"
        elif phase == "during" and elapsed >= BEFORE_SECONDS + FAULT_SECONDS:
            recover()
            phase = "after"
        server = servers[sent % SERVERS]
        answer = tally.add(
            f"filing, {phase}", call_api(server, "/api/v1/complaints/", body=body, token=token)
        )
        sent += 1
        if answer.status == 201:
            filed.append(answer.json()["id"])
        if sent % SIGN_IN_EVERY == 0:
            if sent % (2 * SIGN_IN_EVERY):
                tally.add(f"sign-in page, {phase}", sign_in_on_page(server, user.username, PASSWORD))
            else:
                tally.add(f"sign-in token, {phase}", sign_in_for_token(server, user.username, PASSWORD))
    return tally, filed, sent


@pytest.mark.parametrize("fault", ["killed", "hung"])
def test_the_cache_server_killed_or_hung_under_load_costs_no_server_error_and_no_filing(
    tmp_path: Path, own_redis: OwnRedis, fault: str
) -> None:
    user = rightsholder()
    body = complaint_body(IPRightFactory(owner_org=user.organisation), PlatformFactory())
    counted_in_redis = redis.Redis(port=own_redis.port, db=1, socket_timeout=2)
    with web_servers(
        SERVERS, tmp_path=tmp_path, **GENEROUS, DJANGO_CACHE_URL=cache_url(own_redis), **NO_BROKER
    ) as servers:
        token = sign_in_for_token(servers[0], user.username, PASSWORD).json()["token"]

        def break_the_cache() -> None:
            assert counted_in_redis.dbsize() > 0  # the throttles were counting there until now
            own_redis.stop() if fault == "killed" else own_redis.hang()

        def mend_the_cache() -> None:
            own_redis.start() if fault == "killed" else own_redis.resume()

        tally, filed, sent = steady_stream(servers, user, body, token, break_the_cache, mend_the_cache)
        logs = "\n".join(s.log_path.read_text(errors="replace") for s in servers)

    print(f"\ncache {fault} for {FAULT_SECONDS:.0f} s under load: {tally.figures()}")
    assert not tally.failed(), tally.figures()
    assert len(filed) == sent and Complaint.objects.filter(pk__in=filed).count() == sent
    assert "API throttles count per process: the shared cache cannot be reached" in logs
    assert "API throttles count in the shared cache again" in logs
