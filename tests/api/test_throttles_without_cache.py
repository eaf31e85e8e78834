"""The API keeps answering when the cache its throttles count in cannot be reached: the throttles count in
this process instead, with one logged warning, and a hung cache costs a short socket timeout, not a hang.
With real server processes and the cache killed or hung under load: tests/reliability/test_limits_across_processes.py."""

import logging
import shutil
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import override_settings
from rest_framework.throttling import UserRateThrottle

from iprgov import throttling
from tests.own_redis import OwnRedis, free_port
from tests.unavailable import service_unavailable

UNREACHABLE = "cannot be reached"


@pytest.fixture(autouse=True)
def _this_process_counts_afresh(monkeypatch):
    # What one process remembers of an outage, and its own counts, must not leak into the next test.
    monkeypatch.setattr(throttling, "_shared", throttling._SharedCacheState())
    caches["process"].clear()
    yield
    caches["process"].clear()


def warnings_of_outage(caplog) -> int:
    return sum(r.levelno == logging.WARNING and UNREACHABLE in r.getMessage() for r in caplog.records)


def cache_at(url: str) -> override_settings:
    """The default cache on Redis at `url`, with the socket timeouts of iprgov.settings; given back at the
    end of the block, before the fixtures that empty the default cache run."""
    return override_settings(
        CACHES={
            **settings.CACHES,
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                "OPTIONS": {
                    "socket_connect_timeout": settings.IPRGOV_CACHE_SOCKET_TIMEOUT,
                    "socket_timeout": settings.IPRGOV_CACHE_SOCKET_TIMEOUT,
                },
            },
        }
    )


def test_with_nothing_listening_the_api_answers_and_still_limits_in_this_process(holder, monkeypatch, caplog):
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "3/minute", "anon": "3/minute"})

    with (
        cache_at(f"redis://127.0.0.1:{free_port()}/1"),
        caplog.at_level(logging.WARNING, "iprgov.throttling"),
    ):
        answers = [holder.get("/api/v1/complaints/").status_code for _ in range(4)]

    assert answers == [200, 200, 200, 429]
    assert warnings_of_outage(caplog) == 1


def test_a_hung_cache_costs_one_short_timeout_not_a_hung_request(holder, tmp_path: Path, caplog):
    if not shutil.which("redis-server"):
        service_unavailable("redis-server is not installed")
    server = OwnRedis(tmp_path)
    server.start()
    timings, answers = [], []
    try:
        with cache_at(server.url.replace("/0", "/1")), caplog.at_level(logging.WARNING, "iprgov.throttling"):
            assert holder.get("/api/v1/complaints/").status_code == 200  # connected and counted in Redis
            server.hang()
            for _ in range(5):
                started = time.monotonic()
                answers.append(holder.get("/api/v1/complaints/").status_code)
                timings.append(time.monotonic() - started)
    finally:
        server.resume()
        server.stop()

    print(f"\nhung cache, in-process: seconds per request {[round(t, 3) for t in timings]}")
    assert answers == [200] * 5
    assert (
        timings[0] >= settings.IPRGOV_CACHE_SOCKET_TIMEOUT
    )  # the first waited for the socket timeout, then this process counted alone
    assert max(timings) < 2  # redis-py's default socket timeout is none: without one, this hangs for ever
    assert warnings_of_outage(caplog) == 1
