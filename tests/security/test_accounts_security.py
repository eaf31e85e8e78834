"""Accounts and HTTP hardening: passwords, login throttling, TOTP two-factor, headers, CSP, deploy checks."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEntry
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
LOGIN_URL = reverse("accounts:login")


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


def log_in(client, user, password: str = PASSWORD, **extra: str):
    return client.post(LOGIN_URL, {"username": user.username, "password": password, **extra})


# Passwords


@pytest.mark.parametrize("password", ["short1!", "password123", "1234567890123", "user-of-iprgov"])
def test_weak_passwords_are_refused(password: str) -> None:
    user = UserFactory.build(username="user-of-iprgov", email="someone@example.test")

    with pytest.raises(ValidationError):
        validate_password(password, user)


# Login throttling


def test_after_repeated_failures_even_the_right_password_is_refused_with_a_clear_message(
    client, rightsholder_user
):
    for _ in range(settings.IPRGOV_LOGIN_MAX_FAILURES):
        assert log_in(client, rightsholder_user, "wrong-password-1").status_code == 200

    response = log_in(client, rightsholder_user)

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Too many failed attempts" in response.content.decode()
    # Every path that authenticates goes through the lockout backend (admin, API token, test client).
    assert authenticate(HttpRequest(), username=rightsholder_user.username, password=PASSWORD) is None


def test_throttling_one_account_leaves_the_others_alone(client, rightsholder_user, platform_user):
    for _ in range(settings.IPRGOV_LOGIN_MAX_FAILURES):
        log_in(client, rightsholder_user, "wrong-password-1")

    response = log_in(client, platform_user)

    assert response.status_code == 302


def test_many_failures_from_one_address_are_throttled_across_accounts(client, settings, rightsholder_user):
    settings.IPRGOV_LOGIN_MAX_FAILURES_PER_IP = 3
    for n in range(3):
        log_in(client, UserFactory(), f"wrong-password-{n}")

    response = log_in(client, rightsholder_user)

    assert response.status_code == 200 and "Too many failed attempts" in response.content.decode()


def test_a_success_resets_the_account_counter(client, rightsholder_user):
    for _ in range(settings.IPRGOV_LOGIN_MAX_FAILURES - 1):
        log_in(client, rightsholder_user, "wrong-password-1")
    assert log_in(client, rightsholder_user).status_code == 302
    client.logout()

    for _ in range(settings.IPRGOV_LOGIN_MAX_FAILURES - 1):
        log_in(client, rightsholder_user, "wrong-password-1")

    assert log_in(client, rightsholder_user).status_code == 302


# Two-factor authentication (TOTP)


@pytest.fixture
def device(office_user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=office_user, name="phone", confirmed=True)


def test_a_user_with_two_factor_must_give_a_valid_code_to_log_in(client, office_user, device):
    without = log_in(client, office_user)
    wrong = log_in(client, office_user, otp_token="000000" if code_for(device) != "000000" else "111111")
    assert without.status_code == wrong.status_code == 200
    assert "_auth_user_id" not in client.session
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # django_otp slows guessing down after each wrong code
    device.throttle_reset()

    response = log_in(client, office_user, otp_token=code_for(device))

    assert response.status_code == 302
    assert client.session["otp_device_id"] == device.persistent_id


def test_setting_up_two_factor_shows_a_qr_code_and_is_confirmed_by_a_code(client, login, platform_user):
    client = login(platform_user)

    page = client.get(reverse("accounts:two_factor"))
    assert page.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in page.content.decode()
    device = TOTPDevice.objects.get(user=platform_user, confirmed=False)

    response = client.post(reverse("accounts:two_factor"), {"otp_token": code_for(device)})

    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEntry.objects.filter(subject_type="totpdevice", action="two_factor_enabled").count() == 1


def test_a_wrong_setup_code_is_refused_and_two_factor_stays_off(client, login, platform_user):
    client = login(platform_user)
    client.get(reverse("accounts:two_factor"))
    device = TOTPDevice.objects.get(user=platform_user)

    response = client.post(reverse("accounts:two_factor"), {"otp_token": "12345"})

    assert response.status_code == 400 and "not valid" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed


def test_when_required_officials_must_verify_before_any_office_page(client, login, settings, office_user):
    settings.IPRGOV_REQUIRE_2FA_FOR_OFFICIALS = True
    client = login(office_user)
    docket = reverse("enforcement:docket")

    response = client.get(docket)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor"))
    assert client.get("/api/v1/cases/").status_code == 403
    client.get(reverse("accounts:two_factor"))
    device = TOTPDevice.objects.get(user=office_user)

    verified = client.post(reverse("accounts:two_factor"), {"otp_token": code_for(device), "next": docket})

    assert verified.status_code == 302 and verified["Location"] == docket
    assert client.get(docket).status_code == 200


def test_the_requirement_applies_to_officials_only(client, login, settings, platform_user):
    settings.IPRGOV_REQUIRE_2FA_FOR_OFFICIALS = True

    assert login(platform_user).get(reverse("platforms:queue")).status_code == 200


def test_the_two_factor_page_does_not_redirect_to_another_site(client, login, platform_user):
    client = login(platform_user)
    client.get(reverse("accounts:two_factor"))
    device = TOTPDevice.objects.get(user=platform_user)

    response = client.post(
        reverse("accounts:two_factor"), {"otp_token": code_for(device), "next": "https://evil.example/"}
    )

    assert response.status_code == 302 and not response["Location"].startswith("https://evil.example")


# Headers, CSP, cookies


def test_pages_carry_the_security_headers_and_a_strict_content_security_policy(
    client, login, rightsholder_user
):
    for response in (client.get(LOGIN_URL), login(rightsholder_user).get(reverse("complaints:home"))):
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_session_and_csrf_cookies_are_http_only_or_same_site(client, rightsholder_user):
    page = client.get(LOGIN_URL)
    response = log_in(client, rightsholder_user)

    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["httponly"] and session["samesite"] == "Lax"
    assert page.cookies[settings.CSRF_COOKIE_NAME]["samesite"] == "Lax"


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)
# Rendered only into PDFs by WeasyPrint (documents.rendering), never served to a browser: the
# Content-Security-Policy of the site's responses does not apply to them.
PDF_ONLY_TEMPLATES = ROOT / "templates" / "documents" / "pdf"


def test_no_template_has_inline_script_event_handlers_or_styles_the_policy_would_block() -> None:
    offenders = []
    for template in sorted((ROOT).glob("**/templates/**/*.html")):
        if ".venv" in template.parts:
            continue
        text = template.read_text()
        pdf_only = template.is_relative_to(PDF_ONLY_TEMPLATES)
        for pattern in (
            (INLINE_SCRIPT, EVENT_HANDLER) if pdf_only else (INLINE_SCRIPT, EVENT_HANDLER, INLINE_STYLE)
        ):
            offenders += [f"{template.relative_to(ROOT)}: {m.group(0)[:60]}" for m in pattern.finditer(text)]

    assert not offenders, offenders


def production_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "DJANGO_"))}
    return env | {
        "DJANGO_SETTINGS_MODULE": "iprgov.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "iprgov.example",
        "DJANGO_SECURE_SSL_REDIRECT": "true",
        "DJANGO_SECURE_HSTS_SECONDS": "31536000",
        "DJANGO_CACHE_URL": "redis://redis:6379/1",  # not reached by the check; process-local would warn
        **extra,
    }


def test_the_deployment_checklist_reports_nothing_with_production_settings() -> None:
    result = subprocess.run(  # noqa: S603 — fixed argv, our own interpreter
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr
