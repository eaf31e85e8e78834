"""Deployment check: the limits that count in the cache (the API throttles) must count in a shared one.

Sign-in lockout counts in the database (accounts.lockout) and needs no cache.
"""

from collections.abc import Sequence

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register

PROCESS_LOCAL_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.caches, Tags.security, deploy=True)
def shared_cache_check(
    *, app_configs: Sequence[AppConfig] | None, databases: Sequence[str] | None, **kwargs: object
) -> list[CheckMessage]:
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.DEBUG or backend not in PROCESS_LOCAL_CACHES:
        return []
    return [
        Warning(
            f"The default cache ({backend}) is local to each process: every web process counts the API "
            "throttles on its own, so a client gets the rate once per process.",
            hint="Set DJANGO_CACHE_URL to a cache that every web process shares, e.g. redis://redis:6379/1.",
            id="accounts.W001",
        )
    ]
