import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection

from tests.own_redis import OwnRedis
from tests.unavailable import service_unavailable
from tests.workers import tasks_sent_to


@pytest.fixture
def broker(tmp_path: Path, settings, monkeypatch) -> Iterator[OwnRedis]:
    """This test's own redis-server as the Celery broker, for tasks sent from the test and its workers."""
    if connection.vendor != "postgresql":
        service_unavailable("worker processes need the PostgreSQL test database")
    if not shutil.which("redis-server"):
        service_unavailable("redis-server is not installed")
    server = OwnRedis(tmp_path)
    server.start()
    monkeypatch.setenv("CELERY_BROKER_URL", server.url)  # Celery reads it before its own setting
    with tasks_sent_to(settings, server.url):
        yield server
    server.stop()
