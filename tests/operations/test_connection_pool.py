"""PostgreSQL connection pooling (DATABASE_POOL): refused where it cannot work, and exercised by a process
and by a gunicorn server on the test database."""

import json
import urllib.request

import pytest

from tests.test_settings import start_django
from tests.web_servers import web_servers
from tests.workers import worker_database_url

# Twenty requests one after the other, as a web process serves them: each ends by handing its connection
# back (request_finished closes it, which with a pool returns it). Prints the backend pids that served.
REQUESTS = """
import json
from django.core.signals import request_finished, request_started
from django.db import connection
pids = []
for _ in range(20):
    request_started.send(sender=None)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pids.append(cursor.fetchone()[0])
    request_finished.send(sender=None)
print(json.dumps({"pool": type(connection.pool).__name__ if connection.pool else None, "pids": pids}))
"""


def test_a_pool_with_persistent_connections_or_without_postgresql_stops_start_up():
    persistent = start_django(
        DJANGO_DEBUG="true",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres",
        DATABASE_POOL="true",
        DATABASE_CONN_MAX_AGE="60",
    )
    sqlite = start_django(DJANGO_DEBUG="true", DATABASE_POOL="true")

    assert persistent.returncode != 0
    assert "leave DATABASE_CONN_MAX_AGE unset" in persistent.stderr
    assert sqlite.returncode != 0
    assert "DATABASE_POOL=true needs PostgreSQL" in sqlite.stderr


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("pooled", "expected_pool"), [("true", "ConnectionPool"), ("false", None)])
def test_a_pooled_process_serves_requests_on_the_connections_it_keeps(pooled, expected_pool):
    result = start_django(
        REQUESTS,
        DJANGO_DEBUG="true",
        DATABASE_URL=worker_database_url(),
        DATABASE_POOL=pooled,
        DATABASE_POOL_MAX_SIZE="2",
    )

    assert result.returncode == 0, result.stderr
    served = json.loads(result.stdout.strip().splitlines()[-1])
    assert served["pool"] == expected_pool
    if expected_pool:
        assert len(set(served["pids"])) <= 2  # at most the pool's size, however many requests
    else:
        assert len(set(served["pids"])) == 20  # a new connection per request


@pytest.mark.django_db(transaction=True)
def test_gunicorn_with_the_pool_is_ready_and_serves_pages(tmp_path):
    with web_servers(1, tmp_path=tmp_path, DATABASE_POOL="true", DATABASE_POOL_MAX_SIZE="2") as [server]:
        answers = []
        for _ in range(10):
            ready = server.url("/health/ready")
            request = urllib.request.Request(ready, headers={"Accept": "application/json"})  # noqa: S310 — ours
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 — our own server
                answers.append((response.status, json.load(response)))
        with urllib.request.urlopen(server.url("/accounts/login/"), timeout=10) as page:  # noqa: S310
            login_status = page.status

    assert {status for status, _ in answers} == {200}
    assert all(set(body.values()) == {"OK"} for _, body in answers)
    assert login_status == 200
