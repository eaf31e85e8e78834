"""Liveness and readiness endpoints (iprgov.health), through HTTP on the real database and broker."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from iprgov.health import MigrationsApplied
from tests.workers import tasks_sent_to

JSON = {"HTTP_ACCEPT": "application/json"}
# Nothing listens on port 1: a broker there refuses every connection at once.
DEAD_BROKER = "redis://127.0.0.1:1/0"


def get(client, path: str):
    """The probes are async views, which the test client runs through async_to_sync: that refuses a thread
    that already runs an event loop, as Playwright's sync API leaves the test process's main thread once the
    browser tests have run. A thread of its own, as a WSGI worker's request has."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(client.get, path, **JSON).result()


@pytest.fixture
def real_broker(settings):
    with tasks_sent_to(settings, settings.CELERY_BROKER_URL or "redis://127.0.0.1:6379/15"):
        yield


def test_liveness_answers_without_touching_any_service(client):
    # No database fixture: a query would fail the test.
    response = get(client, "/health/live")

    assert response.status_code == 200
    assert response.json() == {}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db(transaction=True)
def test_readiness_checks_database_broker_cache_and_migrations(client, real_broker):
    response = get(client, "/health/ready")

    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body.values()) == {"OK"}
    assert sorted(name.split("(")[0] for name in body) == ["Broker", "Cache", "Database", "MigrationsApplied"]


@pytest.mark.django_db(transaction=True)
def test_readiness_fails_when_the_broker_is_unreachable(client, settings, monkeypatch):
    monkeypatch.setenv("CELERY_BROKER_URL", DEAD_BROKER)  # Celery reads it before its own setting
    with tasks_sent_to(settings, DEAD_BROKER):
        response = get(client, "/health/ready")

    assert response.status_code == 500
    body = response.json()
    assert body["Broker()"] == "Unavailable: broker unreachable"
    # The address of the broker is not shown.
    assert "6379" not in response.content.decode() and "127.0.0.1" not in response.content.decode()
    assert body["Database(alias='default')"] == "OK"


def test_a_migration_not_applied_makes_the_process_not_ready(db):
    MigrationsApplied().run()  # every migration applied: no error
    app, name = sorted(MigrationLoader(connection).graph.leaf_nodes())[0]
    with connection.cursor() as cursor:
        # Rolled back with the test's transaction.
        cursor.execute("DELETE FROM django_migrations WHERE app = %s AND name = %s", [app, name])

    with pytest.raises(Exception, match="migrations not applied"):
        MigrationsApplied().run()
