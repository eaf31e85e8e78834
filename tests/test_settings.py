"""Start-up refuses bad configuration with a message that names the variable (settings read at import)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def start_django(code: str = "print('started')", **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    clean |= {"DJANGO_SETTINGS_MODULE": "iprgov.settings", "DATABASE_URL": "sqlite:///:memory:", **env}
    return subprocess.run(  # noqa: S603 — fixed argv, our own interpreter
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_misspelt_boolean_stops_start_up():
    result = start_django(DJANGO_DEBUG="flase")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_DEBUG='flase' is not a boolean" in result.stderr


def test_a_missing_secret_key_stops_start_up_when_debug_is_off():
    result = start_django(DJANGO_DEBUG="false")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


@pytest.mark.parametrize("env", [{"DJANGO_DEBUG": "true"}, {"DJANGO_SECRET_KEY": "k" * 50}])
def test_start_up_succeeds_in_debug_or_with_a_secret_key(env):
    result = start_django(**env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "started"


def test_secret_key_can_come_from_a_file(tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text("s" * 50 + "\n")

    result = start_django(DJANGO_SECRET_KEY_FILE=str(key_file))

    assert result.returncode == 0, result.stderr


def test_an_unreadable_secret_key_file_stops_start_up(tmp_path):
    result = start_django(DJANGO_SECRET_KEY_FILE=str(tmp_path / "missing"))

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY_FILE=" in result.stderr and "cannot be read" in result.stderr


def test_kept_database_connections_are_checked_before_reuse() -> None:
    from django.conf import settings

    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def test_without_a_secret_key_a_debug_run_keeps_one_key_for_the_checkout():
    """What one `make run` signed (seeded respondent links, sessions) still verifies after a restart."""
    signed = start_django(
        "from django.core import signing; print(signing.dumps('case 7'))", DJANGO_DEBUG="true"
    )
    assert signed.returncode == 0, signed.stderr

    verified = start_django(
        f"from django.core import signing; print(signing.loads({signed.stdout.strip()!r}))",
        DJANGO_DEBUG="true",
    )

    assert verified.returncode == 0, verified.stderr
    assert verified.stdout.strip() == "case 7"
    assert (ROOT / ".dev-secret-key").stat().st_mode & 0o077 == 0
