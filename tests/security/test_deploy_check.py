"""`manage.py check --deploy` with the environment docker-compose.yml gives the app: the API throttles'
cache is shared (no accounts.W001), and with the HTTPS and SMTP settings of docs/security.md it is clean;
without a shared cache the check warns."""

import os
import re
import secrets
import subprocess
import sys

import yaml

from tests.workers import ROOT

SERVED_OVER_HTTPS_WITH_SMTP = {
    "DJANGO_SECURE_SSL_REDIRECT": "true",
    "DJANGO_SECURE_HSTS_SECONDS": "31536000",
    "DJANGO_SECURE_COOKIES": "true",
    "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
}
PROCESS_LOCAL_CACHE = "accounts.W001"


def compose_environment() -> dict[str, str]:
    """The web service's environment in docker-compose.yml, each ${NAME:-default} taken as its default and
    each required ${NAME:?...} given a value."""
    web = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]["web"]["environment"]
    required = {"DJANGO_SECRET_KEY": secrets.token_urlsafe(50)}  # other required values: passwords

    def resolve(value: str) -> str:
        return re.sub(
            r"\$\{(\w+)(:-|:\?)([^}]*)\}",
            lambda match: required.get(match[1], "only-for-the-check") if match[2] == ":?" else match[3],
            value,
        )

    return {name: resolve(str(value)) for name, value in web.items()}


def check_deploy(environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    outside = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "DJANGO_", "DATABASE_"))}
    return subprocess.run(  # noqa: S603 — fixed argv, our own interpreter
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=outside | {"DJANGO_SETTINGS_MODULE": "iprgov.settings"} | environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_compose_shares_the_cache_and_with_https_and_smtp_the_deploy_check_is_clean() -> None:
    as_composed = check_deploy(compose_environment())
    over_https = check_deploy(compose_environment() | SERVED_OVER_HTTPS_WITH_SMTP)

    print(
        f"\ncheck --deploy with docker-compose.yml's environment:\n{as_composed.stdout}{as_composed.stderr}"
    )
    assert compose_environment()["DJANGO_CACHE_URL"].startswith("redis://")
    assert PROCESS_LOCAL_CACHE not in as_composed.stdout + as_composed.stderr
    assert over_https.returncode == 0, over_https.stdout + over_https.stderr
    assert "System check identified no issues" in over_https.stdout


def test_with_debug_off_a_process_local_cache_is_a_deploy_warning() -> None:
    environment = compose_environment() | SERVED_OVER_HTTPS_WITH_SMTP
    del environment["DJANGO_CACHE_URL"]

    result = check_deploy(environment)
    in_development = check_deploy(environment | {"DJANGO_DEBUG": "true"})

    assert result.returncode == 1
    assert f"({PROCESS_LOCAL_CACHE}) The default cache" in result.stderr
    assert "Set DJANGO_CACHE_URL" in result.stderr
    assert PROCESS_LOCAL_CACHE not in in_development.stdout + in_development.stderr
