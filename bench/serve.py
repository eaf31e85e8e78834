"""The processes a benchmark run starts and stops: gunicorn (the product, the floor) and Celery workers."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READY_SECONDS = 60


class Process:
    """One server or worker started by the run, its output in `log`; `stop()` ends it and its children."""

    def __init__(self, argv: list[str], *, env: dict[str, str], log: Path) -> None:
        self.log = log
        with log.open("ab") as out:
            self.popen = subprocess.Popen(  # noqa: S603 — fixed argv, our own interpreter
                argv, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
            )

    @property
    def pid(self) -> int:
        return self.popen.pid

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(timeout=10)


def gunicorn(
    *, app: str, port: int, env: dict[str, str], log: Path, workers: int = 2, timeout: int = 600
) -> Process:
    """`workers` sync workers serving `app` on 127.0.0.1:`port`; returns once it answers."""
    server = Process(
        [
            sys.executable,
            "-m",
            "gunicorn",
            app,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--timeout",
            str(timeout),
            "--no-control-socket",
        ],
        env=env,
        log=log,
    )
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if server.popen.poll() is not None:
            raise RuntimeError(f"gunicorn ({app}) exited with {server.popen.returncode}: see {log}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5):  # noqa: S310 — our server
                return server
        except urllib.error.HTTPError:
            return server  # it answers (a redirect, a 404): it is up
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"gunicorn ({app}) did not answer within {READY_SECONDS} s: see {log}")


def celery_worker(*, name: str, queues: list[str], env: dict[str, str], log: Path) -> Process:
    """One worker process (solo pool) consuming `queues`."""
    return Process(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "iprgov",
            "worker",
            "--queues",
            ",".join(queues),
            "--pool",
            "solo",
            "--loglevel",
            "INFO",
            "--hostname",
            f"{name}@%h",
            "--without-mingle",
            "--without-gossip",
        ],
        env=env,
        log=log,
    )


def wait_until_ready(worker: Process, timeout: float = READY_SECONDS) -> None:
    """Until the worker logs that it is ready to take tasks."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if worker.popen.poll() is not None:
            raise RuntimeError(f"the worker exited with {worker.popen.returncode}: see {worker.log}")
        if " ready." in worker.log.read_text(errors="replace"):
            return
        time.sleep(0.2)
    raise RuntimeError(f"the worker was not ready within {timeout} s: see {worker.log}")


def collect_static(*, env: dict[str, str], log: Path) -> None:
    """The static files with their manifest, as a deployment collects them (DEBUG off serves from it)."""
    with log.open("ab") as out:
        subprocess.run(  # noqa: S603 — fixed argv, our own interpreter
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            check=True,
        )


def children_rss_mb(pid: int) -> list[float]:
    """Resident memory (MB) of each child process of `pid` (gunicorn's workers), from /proc."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    sizes = []
    for child in children:
        for line in Path(f"/proc/{child}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


def free_port(start: int) -> int:
    """The first port from `start` that nobody listens on."""
    for port in range(start, start + 200):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError(f"no free port from {start}")


def environment(**extra: str) -> dict[str, str]:
    """This process's environment with `extra` on top: what a started server or worker runs with."""
    return {**os.environ, **extra}
