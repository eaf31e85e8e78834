"""Health endpoints: liveness for a load balancer, readiness for an orchestrator (django-health-check).

`/health/live` runs no check: it answers while the process serves requests, so a load balancer takes a
process out only when it is stuck or gone, never because a shared service is down (restarting every web
process would not bring the database back). `/health/ready` says whether this process can do its work:
the database answers, the broker takes a connection, the cache stores and returns a value, and every
migration of the code is applied. A failing check is a 500 with the check's name and a short reason;
no address, password or query is shown.
"""

import dataclasses
from typing import ClassVar

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.urls import path
from health_check.base import HealthCheck
from health_check.checks import Cache, Database
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

from iprgov.celery import app as celery_app


@dataclasses.dataclass
class Broker(HealthCheck):
    """The Celery broker accepts a connection (nothing to check when tasks run in-process)."""

    def run(self) -> None:
        if celery_app.conf.task_always_eager:
            return
        try:
            with celery_app.connection_for_write() as connection:
                # One try within the transport's socket timeouts (CELERY_BROKER_TRANSPORT_OPTIONS).
                connection.ensure_connection(max_retries=1)
        except Exception as error:  # noqa: BLE001 — any failure to connect means not ready
            raise ServiceUnavailable("broker unreachable") from error


@dataclasses.dataclass
class MigrationsApplied(HealthCheck):
    """Every migration of this code is applied: a process of a newer release waits until `migrate` ran."""

    alias: str = DEFAULT_DB_ALIAS

    def run(self) -> None:
        connection = connections[self.alias]
        # Checks run in a thread of their own: the connection it opens is closed again, not left behind.
        with connection.temporary_connection():
            executor = MigrationExecutor(connection)
            pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            raise ServiceUnavailable("migrations not applied")


class LivenessView(HealthCheckView):
    checks: ClassVar = ()


class ReadinessView(HealthCheckView):
    checks: ClassVar = (Database, Broker, Cache, MigrationsApplied)


urlpatterns = [
    path("health/live", LivenessView.as_view(), name="health_live"),
    path("health/ready", ReadinessView.as_view(), name="health_ready"),
]
