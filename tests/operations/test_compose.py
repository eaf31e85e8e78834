"""docker-compose.yml as docker-compose resolves it: a worker for every queue, the shared cache, pooling."""

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def services() -> dict:
    compose = shutil.which("docker-compose")
    if compose is None:
        pytest.skip("docker-compose is not installed (.ci/run installs it)")
    resolved = subprocess.run(  # noqa: S603 — fixed argv
        [compose, "--env-file", ".env.example", "-f", "docker-compose.yml", "config"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return yaml.safe_load(resolved.stdout)["services"]


def queues_of(command: list[str] | str) -> list[str]:
    if not isinstance(command, list) or "--queues" not in command:
        return []
    return command[command.index("--queues") + 1].split(",")


def test_every_queue_has_a_worker_of_its_own(services):
    consumed = {name: queues_of(service.get("command", [])) for name, service in services.items()}
    workers = {name: queues for name, queues in consumed.items() if queues}

    for queue in settings.IPRGOV_CELERY_QUEUES:
        assert [name for name, queues in workers.items() if queue in queues] != [], queue
    # One kind of work per worker (the default queue rides with routing): each scales on its own.
    assert all(len(queues) == 1 or queues == ["routing", "default"] for queues in workers.values()), workers


def test_web_and_workers_share_the_cache_and_pool_their_connections(services):
    app_services = [name for name, service in services.items() if service.get("image") == "iprgov:latest"]

    for name in app_services:
        environment = services[name]["environment"]
        assert environment["DJANGO_CACHE_URL"].startswith("redis://redis:"), name
        assert environment["DATABASE_POOL"] == "true", name
    assert "/health/ready" in " ".join(services["web"]["healthcheck"]["test"])
