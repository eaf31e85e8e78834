"""Requests held at the live server until the test lets them go: several POSTs of one form are then in
flight together, as the clicks of an impatient user on a slow connection are."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.signals import request_finished, request_started

HOLD_SECONDS = 30  # a held request goes on by itself after this, so a failing test cannot hang the server


class HeldRequests:
    """Counts the requests for one method and path that reached the server; each waits for `release()`."""

    def __init__(self, method: str, path: str) -> None:
        self.method = method
        self.path = path
        self.arrived = 0
        self.answered = 0
        self._arrival = threading.Condition()
        self._in_request = threading.local()
        self._released = threading.Event()

    def hold(self, sender: object, environ: dict, **kwargs: object) -> None:
        """request_started receiver: runs in the server's thread for the request, before the view."""
        if (environ["REQUEST_METHOD"], environ["PATH_INFO"]) != (self.method, self.path):
            return
        with self._arrival:
            self.arrived += 1
            self._arrival.notify_all()
        self._in_request.held = True
        self._released.wait(timeout=HOLD_SECONDS)

    def answer(self, sender: object, **kwargs: object) -> None:
        """request_finished receiver: the response to a held request was sent, or its client had gone."""
        if getattr(self._in_request, "held", False):
            self._in_request.held = False
            with self._arrival:
                self.answered += 1
                self._arrival.notify_all()

    def wait_for(self, count: int, timeout: float = 15) -> None:
        with self._arrival:
            if not self._arrival.wait_for(lambda: self.arrived >= count, timeout=timeout):
                raise AssertionError(f"{self.arrived} of {count} requests reached the server")

    def release(self) -> None:
        """Let the held requests go on, and wait until the server has answered every one: the browser
        gave up on all but the last, but the server still carries each out, and the test's database must
        not be emptied under them."""
        self._released.set()
        with self._arrival:
            if not self._arrival.wait_for(lambda: self.answered >= self.arrived, timeout=HOLD_SECONDS):
                raise AssertionError(f"{self.answered} of {self.arrived} held requests were answered")


@contextmanager
def requests_held(method: str, path: str) -> Iterator[HeldRequests]:
    """Hold every `method` request for `path` at the live server until the block ends; when it ends,
    every one of them has been answered."""
    held = HeldRequests(method, path)
    request_started.connect(held.hold)
    request_finished.connect(held.answer)
    try:
        yield held
    finally:
        try:
            held.release()
        finally:
            request_started.disconnect(held.hold)
            request_finished.disconnect(held.answer)
