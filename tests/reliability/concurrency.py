"""Run callables at the same moment, each in its own thread with its own database connection.

    outcomes = run_concurrently(lambda: listing_decide(...), lambda: listing_decide(...))
    assert outcomes.succeeded == 1 and outcomes.error_codes == ["conflict"]

Use with `transactional_db` (or `django_db(transaction=True)`): each thread commits for real, so
row locks and constraints behave as in production. A barrier releases all threads together; every
thread closes its connection when done.
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection


@dataclass
class Outcomes:
    results: list[Any] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)

    @property
    def succeeded(self) -> int:
        return len(self.results)

    @property
    def error_codes(self) -> list[str | None]:
        codes: list[str | None] = []
        for error in self.errors:
            if isinstance(error, ValidationError) and hasattr(error, "error_list"):
                codes.extend(e.code for e in error.error_list)
            elif isinstance(error, ValidationError):
                codes.append("invalid")  # a field-keyed error: not what a race should produce
            else:
                codes.append(type(error).__name__)
        return codes


def run_concurrently(*calls: Callable[[], Any], timeout: float = 30) -> Outcomes:
    barrier = threading.Barrier(len(calls))
    outcomes = Outcomes()
    lock = threading.Lock()

    def run(call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=timeout)
            result = call()
        except BaseException as exc:  # noqa: BLE001 — collected for the test to assert on
            with lock:
                outcomes.errors.append(exc)
        else:
            with lock:
                outcomes.results.append(result)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not any(thread.is_alive() for thread in threads), "a concurrent call did not finish (deadlock?)"
    return outcomes
