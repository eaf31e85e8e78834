"""One second-factor policy at every way in: the login page, the admin, the API token endpoint and the
token page, for each kind of user, with and without a confirmed device."""

from typing import Any

import pytest
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import OrgKind, User
from tests.factories import PASSWORD, OrganisationFactory, UserFactory
from tests.security.test_accounts_security import code_for, log_in

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"
KINDS = [OrgKind.RIGHTSHOLDER, OrgKind.PLATFORM, OrgKind.OFFICE]


def _user(kind: str) -> User:
    return UserFactory(organisation=OrganisationFactory(kind=kind))


def _device(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="app", confirmed=True)


def _token(client: Client, user: User, **extra: str) -> Any:
    return client.post(
        TOKEN_URL, {"username": user.username, "password": PASSWORD, **extra}, content_type="application/json"
    )


@pytest.mark.parametrize("kind", KINDS)
def test_with_a_device_the_token_endpoint_wants_the_code(client, kind: str) -> None:
    user = _user(kind)
    device = _device(user)

    without = _token(client, user)
    right = _token(client, user, otp_code=code_for(device))
    wrong = _token(client, user, otp_code="000000" if code_for(device) != "000000" else "111111")

    assert without.status_code == 400
    assert without.json()["errors"][0]["field"] == "otp_code"
    assert without.json()["errors"][0]["code"] == "two_factor_required"
    assert "token" not in without.json()
    assert right.status_code == 200 and right.json()["token"]
    assert wrong.status_code == 400


@pytest.mark.parametrize("kind", KINDS)
def test_without_a_device_or_a_requirement_the_password_gives_the_token(client, kind: str) -> None:
    assert _token(client, _user(kind)).status_code == 200


def test_an_official_who_must_use_a_second_factor_gets_no_token_before_setting_one_up(
    client, settings
) -> None:
    settings.IPRGOV_REQUIRE_2FA_FOR_OFFICIALS = True
    official = _user(OrgKind.OFFICE)

    response = _token(client, official)

    assert response.status_code == 400
    assert "set it up in the browser first" in response.json()["errors"][0]["message"]


def test_the_admin_login_is_the_sites_own_and_takes_the_code(client) -> None:
    operator = UserFactory(is_staff=True, is_superuser=True)
    device = _device(operator)

    assert client.get("/admin/login/")["Location"].startswith(reverse("accounts:login"))
    password_only = log_in(client, operator)
    assert client.get("/admin/").status_code == 302
    assert password_only.status_code == 200  # the form asks for the code

    log_in(client, operator, otp_token=code_for(device))

    assert client.get("/admin/").status_code == 200


def test_a_session_without_the_code_does_not_open_the_admin_for_an_operator_with_a_device(client) -> None:
    operator = UserFactory(is_staff=True, is_superuser=True)
    _device(operator)
    client.force_login(operator)  # a session made some other way than the login page

    response = client.get("/admin/")

    assert response.status_code == 302


def test_operators_must_use_a_second_factor_when_debug_is_off(client, settings) -> None:
    settings.DEBUG = False
    operator = UserFactory(is_staff=True, is_superuser=True)
    token = _token(Client(), operator)
    client.force_login(operator)

    admin = client.get("/admin/")
    api = client.get("/api/v1/cases/")

    assert token.status_code == 400
    assert admin.status_code == 302
    assert api.status_code == 403 and api.json()["errors"][0]["code"] == "two_factor_required"
    assert client.get(reverse("api:token_page"))["Location"].startswith(reverse("accounts:two_factor"))


def test_the_token_page_is_behind_the_code_for_a_user_who_must_use_one(client, settings) -> None:
    settings.IPRGOV_REQUIRE_2FA_FOR_OFFICIALS = True
    official = _user(OrgKind.OFFICE)
    client.login(request=HttpRequest(), username=official.username, password=PASSWORD)

    response = client.get(reverse("api:token_page"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor"))
