"""Sign-in lockout (django-axes, counted in the database): one count for the login page, the admin's login
and the token endpoint; a locked-out user is told so plainly; operators see and clear lockouts in the admin.
Across real server processes: tests/reliability/test_limits_across_processes.py."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.lockout import locked_out_message
from tests.factories import PASSWORD, UserFactory
from tests.security.test_accounts_security import code_for, log_in

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"
WRONG = "wrong-password-1"


def ask_token(client: Client, username: str, password: str = PASSWORD):
    return client.post(
        TOKEN_URL, {"username": username, "password": password}, content_type="application/json"
    )


def test_a_locked_out_account_gets_a_429_from_the_token_endpoint_in_the_error_shape(
    client, rightsholder_user
):
    for _ in range(settings.IPRGOV_LOGIN_MAX_FAILURES - 1):
        assert ask_token(client, rightsholder_user.username, WRONG).json()["errors"][0]["code"] == (
            "invalid_credentials"
        )

    reaching_the_limit = ask_token(client, rightsholder_user.username, WRONG)
    right_password = ask_token(client, rightsholder_user.username)

    for response in (reaching_the_limit, right_password):
        assert response.status_code == 429
        assert response.json() == {
            "errors": [{"field": None, "code": "locked_out", "message": locked_out_message()}]
        }
        assert int(response["Retry-After"]) == settings.IPRGOV_LOGIN_LOCKOUT_SECONDS
    assert "Wait 15 minutes" in locked_out_message()


def test_the_login_page_says_sign_in_is_locked_and_not_that_the_password_is_wrong(client, rightsholder_user):
    for _ in range(settings.IPRGOV_LOGIN_MAX_FAILURES):
        log_in(client, rightsholder_user, WRONG)

    response = log_in(client, rightsholder_user)

    page = response.content.decode()
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert locked_out_message() in page
    assert "correct username and password" not in page


def test_failures_at_the_page_and_the_api_count_together_and_lock_the_admin_too(client):
    operator = UserFactory(is_staff=True, is_superuser=True)
    device = TOTPDevice.objects.create(user=operator, name="app", confirmed=True)
    for attempt in range(settings.IPRGOV_LOGIN_MAX_FAILURES):
        if attempt % 2:
            ask_token(client, operator.username, WRONG)
        else:
            log_in(client, operator, WRONG)

    # The admin's login is the site's login page, which now refuses even the password with a valid code.
    admin_login = client.get("/admin/login/?next=/admin/")
    response = client.post(
        admin_login["Location"],
        {"username": operator.username, "password": PASSWORD, "otp_token": code_for(device)},
    )

    assert admin_login["Location"].startswith(reverse("accounts:login"))
    assert locked_out_message() in response.content.decode()
    assert client.get("/admin/").status_code == 302
    assert ask_token(client, operator.username).status_code == 429


def test_one_address_is_locked_out_after_its_own_limit_across_accounts(client, settings, rightsholder_user):
    settings.IPRGOV_LOGIN_MAX_FAILURES_PER_IP = 3
    for _ in range(3):
        log_in(client, UserFactory(), WRONG)  # each account stays below its own limit

    from_here = log_in(client, rightsholder_user)
    elsewhere = Client(REMOTE_ADDR="198.51.100.7").post(
        reverse("accounts:login"), {"username": rightsholder_user.username, "password": PASSWORD}
    )

    assert locked_out_message() in from_here.content.decode()
    assert elsewhere.status_code == 302


def test_signing_in_to_ones_own_account_does_not_clear_the_failures_of_the_address(
    client, settings, rightsholder_user
):
    settings.IPRGOV_LOGIN_MAX_FAILURES_PER_IP = 4
    for _ in range(3):
        log_in(client, UserFactory(), WRONG)

    assert log_in(client, UserFactory()).status_code == 302  # an account of the guesser's own
    client.logout()
    log_in(client, UserFactory(), WRONG)  # the address's fourth failure: the first three were kept

    assert locked_out_message() in log_in(client, rightsholder_user).content.decode()


def test_a_per_address_limit_of_zero_counts_per_account_only(client, settings, rightsholder_user):
    settings.IPRGOV_LOGIN_MAX_FAILURES_PER_IP = 0
    for _ in range(2 * settings.IPRGOV_LOGIN_MAX_FAILURES):
        log_in(client, UserFactory(), WRONG)

    assert log_in(client, rightsholder_user).status_code == 302


def test_operators_see_a_lockout_in_the_admin_and_clearing_it_lets_the_user_in(client, rightsholder_user):
    for _ in range(settings.IPRGOV_LOGIN_MAX_FAILURES):
        ask_token(Client(), rightsholder_user.username, WRONG)
    operator = UserFactory(is_staff=True, is_superuser=True)
    device = TOTPDevice.objects.create(user=operator, name="app", confirmed=True)
    log_in(client, operator, otp_token=code_for(device))
    attempt = AccessAttempt.objects.get(username=rightsholder_user.username)

    listed = client.get(reverse("admin:axes_accessattempt_changelist"))
    cleared = client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )

    assert listed.status_code == 200
    assert rightsholder_user.username in listed.content.decode() and "Locked Out" in listed.content.decode()
    assert cleared.status_code == 302
    assert ask_token(Client(), rightsholder_user.username).status_code == 200


def test_stored_failures_keep_no_password_or_code(client, rightsholder_user):
    log_in(client, rightsholder_user, "secret-guess-1", otp_token="123456")

    attempt = AccessAttempt.objects.get(username=rightsholder_user.username)

    assert "secret-guess-1" not in attempt.post_data and "123456" not in attempt.post_data
