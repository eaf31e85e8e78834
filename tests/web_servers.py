"""Real web server processes for tests: gunicorn serving the app on the test database, one process per
server (one sync worker each), so that a test can tell which process answered and spread requests over them.
Used where the behaviour under test lives between processes: shared limits, cut database connections."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.own_redis import free_port
from tests.workers import ROOT, worker_database_url

READY_SECONDS = 30


class WebServer:
    """One gunicorn process on a free port; `url(path)` is an absolute address on it."""

    def __init__(self, *, log_path: Path, media_root: Path, env: dict[str, str]) -> None:
        self.port = 0  # chosen when started: servers made together would otherwise all get the same one
        self.log_path = log_path
        self.media_root = media_root
        self.env = env
        self.process: subprocess.Popen[bytes] | None = None

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> None:
        self.port = free_port(8100)
        server_env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
        server_env |= {
            "DATABASE_URL": worker_database_url(),
            "DJANGO_DEBUG": "true",
            "DJANGO_SETTINGS_MODULE": "iprgov.settings",
            "IPRGOV_MEDIA_ROOT": str(self.media_root),
            **self.env,
        }
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 — fixed argv, our own interpreter
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "iprgov.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--workers",
                    "1",
                    "--timeout",
                    "60",
                    # One control socket path per user: servers of a test, or of tests run side by side,
                    # would take it from each other.
                    "--no-control-socket",
                ],
                cwd=ROOT,
                env=server_env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self._wait_until_ready()

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + READY_SECONDS
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}: see {self.log_path}")
            try:
                with urllib.request.urlopen(self.url("/accounts/login/"), timeout=2):  # noqa: S310 — our server
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.1)
        raise RuntimeError(f"gunicorn on port {self.port} did not answer within {READY_SECONDS} s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self.process = None


@contextmanager
def web_servers(count: int, *, tmp_path: Path, **env: str) -> Iterator[list[WebServer]]:
    """`count` gunicorn processes on the test database (a transactional test: they must see its rows)."""
    servers = [
        WebServer(log_path=tmp_path / f"gunicorn-{index}.log", media_root=tmp_path / "media", env=env)
        for index in range(count)
    ]
    try:
        for server in servers:
            server.start()
        yield servers
    finally:
        for server in servers:
            server.stop()
