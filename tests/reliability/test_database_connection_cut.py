"""A cut database connection costs no request: gunicorn processes that keep their connections
(DATABASE_CONN_MAX_AGE, as docker-compose.yml sets) check a kept connection before reusing it, so when
the database ends every one of them (a failover, a restart, an idle-connection reaper), the next requests
reconnect instead of failing. Figures are printed with `-s`."""

import time
from pathlib import Path

import pytest
from django.db import connection

from tests.api.conftest import complaint_body
from tests.factories import IPRightFactory, PlatformFactory, UserFactory
from tests.faults_http import Answer, api_call, api_token
from tests.unavailable import service_unavailable
from tests.web_servers import WebServer, web_servers

pytestmark = pytest.mark.django_db(transaction=True)

SERVERS = 3
CUTS = 3


def test_connections_cut_under_kept_connections_cost_no_request(tmp_path: Path):
    if connection.vendor != "postgresql":
        service_unavailable("server processes need the PostgreSQL test database")
    right = IPRightFactory()
    holder = UserFactory(organisation=right.owner_org)
    platform = PlatformFactory()
    body = complaint_body(right, platform)
    answers: list[Answer] = []
    terminated: list[int] = []
    with web_servers(SERVERS, tmp_path=tmp_path, DATABASE_CONN_MAX_AGE="60") as servers:
        token = api_token(servers[0], holder)
        before = backends_of(servers, token, body, answers)

        for _ in range(CUTS):
            # Given every server holds a connection it keeps between requests
            assert len(set(before)) == SERVERS

            # When the database ends all of them
            terminated.append(terminate_other_backends())

            # Then the next requests to every server succeed, each on a new connection
            after = backends_of(servers, token, body, answers)
            assert not set(after) & set(before)
            before = after

    server_errors = [a for a in answers if a.status >= 500]
    assert terminated == [SERVERS] * CUTS
    assert server_errors == []
    assert {a.status for a in answers} == {200, 201}
    print(
        f"\ncut database connections: {CUTS} cuts of {SERVERS} kept connections (one per gunicorn process, "
        f"CONN_MAX_AGE 60 s), {len(answers)} API requests, {len(server_errors)} server errors"
    )


def backends_of(servers: list[WebServer], token: str, body: dict, answers: list[Answer]) -> list[int]:
    """A read and a write on each server, then the database backends serving the servers (every connection
    to the test database but this test's own: one per server, as each keeps its connection)."""
    for server in servers:
        answers.append(api_call(server.url("/api/v1/complaints/"), token=token, method="GET"))
        answers.append(api_call(server.url("/api/v1/complaints/"), token=token, body=body))
    return other_backends()


def other_backends() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return [pid for (pid,) in cursor.fetchall()]


def terminate_other_backends() -> int:
    """End every connection to the test database but this test's own, as a failover does; how many were
    ended. Returns once they are gone, so that the next request cannot be served before the cut."""
    pids = other_backends()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM unnest(%s) AS pid", [pids]
        )
        row = cursor.fetchone()
    deadline = time.monotonic() + 10
    while set(other_backends()) & set(pids):
        assert time.monotonic() < deadline, "terminated backends did not exit"
        time.sleep(0.05)
    assert row is not None
    return int(row[0])
