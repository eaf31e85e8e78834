"""API throttles that count in the shared cache (DJANGO_CACHE_URL), so that a rate holds across every web
process, and that keep answering when that cache cannot be reached.

While the shared cache fails, each process counts on its own (the "process" cache): a limit is then
per process for a while, looser but still a limit, and no request fails for it. A process that saw the
shared cache fail tries it again only after RETRY_SHARED_AFTER_SECONDS, so a hung cache costs one
socket timeout per process every few seconds rather than one per request. The outage and the recovery
are each logged once per process.
"""

import logging
import time
from typing import TYPE_CHECKING

import redis
from django.core.cache import caches
from rest_framework import throttling
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request

if TYPE_CHECKING:  # rest_framework.views imports the throttles named in settings while it loads
    from rest_framework.views import APIView

log = logging.getLogger(__name__)

RETRY_SHARED_AFTER_SECONDS = 5.0
# What a cache that cannot be reached raises: redis-py's connection and timeout errors, or a socket's.
CACHE_UNREACHABLE = (redis.RedisError, OSError)


class _SharedCacheState:
    """Whether this process counts in the shared cache now (one per process, read by every throttle)."""

    def __init__(self) -> None:
        self.retry_at: float | None = None  # time.monotonic() after which to try again; None: it works

    def worth_trying(self) -> bool:
        return self.retry_at is None or time.monotonic() >= self.retry_at

    def failed(self, error: Exception) -> None:
        if self.retry_at is None:
            log.warning("API throttles count per process: the shared cache cannot be reached (%r)", error)
        self.retry_at = time.monotonic() + RETRY_SHARED_AFTER_SECONDS

    def answered(self) -> None:
        if self.retry_at is not None:
            log.warning("API throttles count in the shared cache again")
        self.retry_at = None


_shared = _SharedCacheState()


class CountedWithoutOutage(throttling.SimpleRateThrottle):
    """A DRF rate throttle on the default (shared) cache that falls back to this process's cache when it
    cannot be reached."""

    def allow_request(self, request: Request, view: "APIView") -> bool:
        if _shared.worth_trying():
            try:
                allowed = super().allow_request(request, view)
            except CACHE_UNREACHABLE as error:
                _shared.failed(error)
            else:
                _shared.answered()
                return allowed
        self.cache = caches["process"]
        return super().allow_request(request, view)


class UserRateThrottle(CountedWithoutOutage, throttling.UserRateThrottle):
    """Per user (that is, per token or session), rate "user"."""


class AnonRateThrottle(CountedWithoutOutage, throttling.AnonRateThrottle):
    """Per client address for anonymous calls (the token endpoint), rate "anon"."""


class WriteRateThrottle(CountedWithoutOutage):
    """Per user, rate "write": the calls that change something (filing, deciding, uploading), counted
    apart from reads, so that an integration reading its queue fast still cannot write at that pace."""

    scope = "write"
    # Keyed as the per-user rate is (by user, or by address without one), under its own scope.
    get_cache_key = throttling.UserRateThrottle.get_cache_key

    def allow_request(self, request: Request, view: "APIView") -> bool:
        if request.method in SAFE_METHODS:
            return True
        return super().allow_request(request, view)
