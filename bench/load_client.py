"""The load client: plain threads, one HTTP connection each, sending one request after another for a while.

Every client sends at least one request, so a page slower than the measuring time is still measured (then
with as many samples as clients). Latency is measured from sending the request to reading the whole body.
"""

import http.client
import json
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from bench.query_count import HEADER as QUERY_COUNT_HEADER

TIMEOUT_SECONDS = 900


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None


@dataclass
class Sample:
    path: str
    seconds: float
    status: int
    queries: int | None
    body: bytes


@dataclass
class Figures:
    """Samples pooled over the rounds of one (target, clients) pair."""

    samples: list[Sample] = field(default_factory=list)
    wall_seconds: float = 0.0

    def add(self, samples: list[Sample], wall_seconds: float) -> None:
        self.samples += samples
        self.wall_seconds += wall_seconds

    @property
    def count(self) -> int:
        return len(self.samples)

    @property
    def errors(self) -> int:
        """Answers other than a success: a redirect (to the sign-in page) is a failure here too."""
        return sum(1 for s in self.samples if s.status >= 300)

    @property
    def per_second(self) -> float:
        return self.count / self.wall_seconds if self.wall_seconds else 0.0

    def percentile_ms(self, q: float) -> float:
        times = sorted(s.seconds for s in self.samples)
        if not times:
            return float("nan")
        return times[min(len(times) - 1, int(q * len(times)))] * 1000

    @property
    def queries(self) -> str:
        counts = [s.queries for s in self.samples if s.queries is not None]
        if not counts:
            return "?"
        low, high = min(counts), max(counts)
        return str(low) if low == high else f"{statistics.median(counts):.0f} ({low}–{high})"


def send(connection: http.client.HTTPConnection, request: Request) -> Sample:
    started = time.perf_counter()
    connection.request(request.method, request.path, body=request.body, headers=request.headers)
    response = connection.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - started
    queries = response.getheader(QUERY_COUNT_HEADER)
    if response.getheader("Connection", "").lower() == "close":
        connection.close()  # gunicorn's sync workers close after each response; the next request reconnects
    return Sample(request.path, elapsed, response.status, int(queries) if queries else None, body)


Step = Callable[[http.client.HTTPConnection, int], list[Sample]]


def sending(request: Request) -> Step:
    """A step that sends one fixed request."""
    return lambda connection, _number: [send(connection, request)]


def drive(*, port: int, step: Step, clients: int, seconds: float) -> tuple[list[Sample], float]:
    """`clients` threads, each running `step(connection, i)` (i numbers the steps, unique in the run) again
    and again until `seconds` passed (at least once). Returns the samples and the wall time taken."""
    samples: list[Sample] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client(number: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT_SECONDS)
        done = 0
        mine: list[Sample] = []
        while done == 0 or time.perf_counter() < deadline:
            mine += step(connection, number * 1_000_000 + done)
            done += 1
        connection.close()
        with lock:
            samples.extend(mine)

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return samples, time.perf_counter() - started


def json_body(payload: object) -> bytes:
    return json.dumps(payload).encode()
