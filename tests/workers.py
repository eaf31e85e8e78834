"""Real Celery workers for tests: point the Celery app at a broker, start worker processes on the test
database, stop them. Used by the routing test and the broker-outage tests."""

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import kombu.pools
from django.conf import settings
from django.db import connection

from iprgov import enqueue
from iprgov.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[1]
QUEUES = settings.IPRGOV_CELERY_QUEUES


def worker_database_url() -> str:
    """DATABASE_URL of the test database this session created (pytest-django renamed NAME to test_...)."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = db["HOST"] or "127.0.0.1"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{credentials}@{host}{port}/{quote(db['NAME'], safe='')}"


def reset_broker_connections() -> None:
    """Close and forget every pooled broker connection (kombu keeps them in a global registry per URL,
    closed ones included), and forget a failure to reach the previous one, so the next publish connects
    afresh to the broker configured now."""
    kombu.pools.reset()
    enqueue.last_failure.forget()
    celery_app._pool = None  # type: ignore[attr-defined]  # private cache of the Celery app, absent from its stubs
    celery_app.amqp._producer_pool = None  # type: ignore[attr-defined]  # private cache, absent from the stubs


@contextmanager
def tasks_sent_to(settings, url: str) -> Iterator[None]:
    """Send tasks to the broker at `url` instead of running them in-process; restore the app afterwards."""
    # Saved before the settings change: the app reads them live, so saved after, it would keep this test's
    # broker (and no in-process tasks) for every test after it.
    saved = {key: celery_app.conf[key] for key in ("task_always_eager", "broker_url")}
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = url
    celery_app.conf.update(task_always_eager=False, broker_url=url)
    reset_broker_connections()
    try:
        yield
    finally:
        celery_app.conf.update(saved)
        reset_broker_connections()


def start_worker(*, broker_url: str, log_path: Path, media_root: Path, **env: str) -> subprocess.Popen[bytes]:
    """One worker process (solo pool) on the test database, consuming every queue; extra env as given."""
    worker_env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    worker_env |= {
        "DATABASE_URL": worker_database_url(),
        "CELERY_BROKER_URL": broker_url,
        "DJANGO_DEBUG": "true",
        "DJANGO_SETTINGS_MODULE": "iprgov.settings",
        "IPRGOV_MEDIA_ROOT": str(media_root),
        **env,
    }
    with log_path.open("ab") as log:
        return subprocess.Popen(  # noqa: S603 — fixed argv, our own interpreter
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "iprgov",
                "worker",
                "--queues",
                ",".join(QUEUES),
                "--pool",
                "solo",
                "--loglevel",
                "INFO",
                "--hostname",
                f"test-{uuid.uuid4().hex[:8]}@%h",
                "--without-mingle",
                "--without-gossip",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=worker_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def stop_workers(procs: list[subprocess.Popen[bytes]]) -> None:
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
