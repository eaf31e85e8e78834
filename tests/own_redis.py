"""A redis-server of one test alone (a free port from 6390 up, no persistence), so that the test can
kill it, hang it or bring it back without touching the Redis that other tests and people share."""

import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import redis


def free_port(start: int = 6390) -> int:
    for port in range(start, start + 50):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port for a test redis-server")


class OwnRedis:
    """A redis-server of this test alone: `stop()` kills it (losing its queues), `start()` brings it back."""

    def __init__(self, directory: Path) -> None:
        self.port = free_port()
        self.directory = directory
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603 — fixed argv
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.ping():
                return
            time.sleep(0.05)
        raise RuntimeError(f"test redis-server on port {self.port} did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)  # a crash: nothing saved, queued messages gone
            self.process.wait(timeout=10)
        self.process = None

    def hang(self) -> None:
        """SIGSTOP: the server keeps its socket open but answers nothing, as a hung broker does."""
        assert self.process is not None
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGCONT)

    def ping(self) -> bool:
        try:
            return bool(redis.Redis(port=self.port, socket_connect_timeout=0.5).ping())
        except redis.RedisError:
            return False

    def queue_length(self, queue: str) -> int:
        return int(redis.Redis(port=self.port).llen(queue))
