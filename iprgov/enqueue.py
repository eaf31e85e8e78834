"""Handing a task to the broker from a request without waiting on the broker.

A request that has committed its work only hands the follow-up to a worker; a periodic sweep finds what
was not handed over (unrouted complaints, pending webhook deliveries, queued bulk uploads). So a broker
that refuses, drops or stops answering must cost the request at most one short timeout: the publish is
tried once (no retry, the broker's socket timeouts in CELERY_BROKER_TRANSPORT_OPTIONS), and after a
failure this process does not try again for a few seconds, so that a request which enqueues several
tasks, or the next requests, do not each wait for the same dead broker.
"""

import logging
import threading
import time
from typing import Any

from celery import Task
from kombu.exceptions import OperationalError as BrokerUnreachable

log = logging.getLogger(__name__)

# Long enough that a hung broker costs each process one timeout every few seconds, short enough that
# once it is back little is left to the sweeps.
PAUSE_AFTER_FAILURE_SECONDS = 5.0


class _LastFailure:
    """When this process last failed to reach the broker (monotonic seconds), shared by its threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._at: float | None = None

    def record(self) -> None:
        with self._lock:
            self._at = time.monotonic()

    def recent(self) -> bool:
        with self._lock:
            return self._at is not None and time.monotonic() - self._at < PAUSE_AFTER_FAILURE_SECONDS

    def forget(self) -> None:
        with self._lock:
            self._at = None


last_failure = _LastFailure()


def enqueue_or_leave_to_sweep(task: Task[Any, Any], *args: Any) -> bool:
    """Publish `task(*args)` once, or give up: True if it was handed over (to the broker, or run in-process
    when there is none).

    False means it was not (the broker failed now or moments ago, or the task run in-process raised): the
    caller logs what its sweep will do. Never raises, never retries.
    """
    # Run in-process (no broker: the one-command trial, unit tests), the task has no broker to wait for.
    to_broker = not task.app.conf.task_always_eager
    if to_broker and last_failure.recent():
        return False
    try:
        task.apply_async(args, retry=False)
    except Exception as error:  # noqa: BLE001 — nothing the broker or an in-process task does may fail the request
        if to_broker and isinstance(error, BrokerUnreachable):
            last_failure.record()
            log.warning(
                "Broker unreachable: tasks are left to the sweeps for %.0f s.",
                PAUSE_AFTER_FAILURE_SECONDS,
                exc_info=True,
            )
        else:
            log.warning("Task %s not handed over.", task.name, exc_info=True)
        return False
    return True
