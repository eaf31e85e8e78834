"""One second-factor policy at every way in: the login page, the admin, the API token endpoint and the
token page, for each kind of user, with and without a confirmed device."""

from typing import Any

import pytest
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from accounts.models import OrgKind, User
from accounts.services_tokens import api_token_create
from tests.factories import PASSWORD, OrganisationFactory, UserFactory
from tests.security.test_accounts_security import code_for, log_in

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"
TOKENS_URL = "/api/v1/auth/tokens/"
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


# Every way in, for every kind of user, with and without a confirmed device, under the production policy:
# officials must use a second factor (IPRGOV_REQUIRE_2FA_FOR_OFFICIALS=true) and so must operators (DEBUG off).

PEOPLE = ("rightsholder", "platform", "official", "operator")
GRID = [(who, with_device) for who in PEOPLE for with_device in (False, True)]
GRID_IDS = [f"{who}-{'device' if with_device else 'no device'}" for who, with_device in GRID]
KIND_OF = {"rightsholder": OrgKind.RIGHTSHOLDER, "platform": OrgKind.PLATFORM, "official": OrgKind.OFFICE}
PROBE = reverse("accounts:notifications")  # a page every signed-in user may open


@pytest.fixture
def production_policy(settings) -> None:
    settings.DEBUG = False
    settings.IPRGOV_REQUIRE_2FA_FOR_OFFICIALS = True


def _person(who: str) -> User:
    if who == "operator":
        return UserFactory(is_staff=True, is_superuser=True)
    return _user(KIND_OF[who])


def _must(who: str, with_device: bool) -> bool:
    return with_device or who in ("official", "operator")


def _current_code(device: TOTPDevice) -> str:
    # django_otp refuses a code of a time step already used; each call here stands for a later sign-in.
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    return code_for(device)


def _verified_session(client: Client, user: User, device: TOTPDevice | None) -> None:
    """Sign in as the policy wants: with the device's code, or by setting a device up on the two-factor page."""
    if device is not None:
        assert log_in(client, user, otp_token=_current_code(device)).status_code == 302
        return
    log_in(client, user)
    client.get(reverse("accounts:two_factor"))  # first use: an unconfirmed device and its QR code
    new_device = TOTPDevice.objects.get(user=user)
    assert client.post(reverse("accounts:two_factor"), {"otp_token": code_for(new_device)}).status_code == 302


@pytest.mark.parametrize(("who", "with_device"), GRID, ids=GRID_IDS)
def test_the_login_page_opens_the_site_only_with_the_code_when_one_is_required(
    client, production_policy, who: str, with_device: bool
) -> None:
    user = _person(who)
    device = _device(user) if with_device else None

    password_only = log_in(client, user)
    probe = client.get(PROBE)

    if not _must(who, with_device):
        assert password_only.status_code == 302 and probe.status_code == 200
        return
    if with_device:
        assert password_only.status_code == 200  # the form asks for the code; no session is made
        assert "_auth_user_id" not in client.session
        assert probe["Location"].startswith(reverse("accounts:login"))
    else:
        # Signed in only to set the device up: every page but the two-factor page leads there.
        assert probe["Location"].startswith(reverse("accounts:two_factor"))
    client.logout()
    _verified_session(client, user, device)
    assert client.get(PROBE).status_code == 200


@pytest.mark.parametrize("with_device", [False, True], ids=["no device", "device"])
def test_the_admin_opens_to_an_operator_only_in_a_session_verified_with_the_code(
    client, production_policy, with_device: bool
) -> None:
    operator = _person("operator")
    device = _device(operator) if with_device else None
    log_in(client, operator)

    password_only = client.get("/admin/")
    client.logout()
    _verified_session(client, operator, device)

    assert password_only.status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(("who", "with_device"), GRID, ids=GRID_IDS)
def test_the_token_endpoint_gives_a_token_only_with_the_code_when_one_is_required(
    client, production_policy, who: str, with_device: bool
) -> None:
    user = _person(who)
    device = _device(user) if with_device else None

    password_only = _token(client, user)

    if not _must(who, with_device):
        assert password_only.status_code == 200 and password_only.json()["token"]
        return
    assert password_only.status_code == 400
    assert password_only.json()["errors"][0]["field"] == "otp_code"
    assert password_only.json()["errors"][0]["code"] == "two_factor_required"
    if device is None:
        assert "set it up in the browser first" in password_only.json()["errors"][0]["message"]
    else:
        with_code = _token(client, user, otp_code=_current_code(device))
        assert with_code.status_code == 200 and with_code.json()["token"]


@pytest.mark.parametrize(("who", "with_device"), GRID, ids=GRID_IDS)
def test_the_token_page_makes_a_token_only_in_a_session_verified_when_one_is_required(
    client, production_policy, who: str, with_device: bool
) -> None:
    user = _person(who)
    device = _device(user) if with_device else None
    # A session that was never verified: begun before the device was set up, or made some other way.
    client.force_login(user)

    unverified = client.get(reverse("api:token_page"))
    unverified_post = client.post(reverse("api:token_page"), {"name": "script"})

    if not _must(who, with_device):
        assert unverified.status_code == 200 and unverified_post.status_code == 200
        assert user.api_tokens.count() == 1
        return
    assert unverified["Location"].startswith(reverse("accounts:two_factor"))
    assert unverified_post["Location"].startswith(reverse("accounts:two_factor"))
    assert not user.api_tokens.exists()
    client.logout()
    _verified_session(client, user, device)
    assert client.post(reverse("api:token_page"), {"name": "script"}).status_code == 200
    assert user.api_tokens.count() == 1


@pytest.mark.parametrize(("who", "with_device"), GRID, ids=GRID_IDS)
def test_making_a_token_through_the_api_wants_the_code_unless_the_session_was_verified(
    client, production_policy, who: str, with_device: bool
) -> None:
    user = _person(who)
    device = _device(user) if with_device else None
    token_client = APIClient()
    token_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_create(user=user, name='first').key}")
    client.force_login(user)

    by_token = token_client.post(TOKENS_URL, {"name": "second"}, format="json")
    by_unverified_session = client.post(TOKENS_URL, {"name": "second"}, content_type="application/json")

    if not _must(who, with_device):
        assert by_token.status_code == by_unverified_session.status_code == 201
        return
    assert by_token.status_code == 400 and by_token.json()["errors"][0]["code"] == "two_factor_required"
    # The middleware refuses a session of a user whose role requires the code (403) before the view asks.
    assert by_unverified_session.status_code in (400, 403)
    assert by_unverified_session.json()["errors"][0]["code"] == "two_factor_required"
    client.logout()
    _verified_session(client, user, device)
    by_verified_session = client.post(TOKENS_URL, {"name": "third"}, content_type="application/json")
    assert by_verified_session.status_code == 201
    if device is not None:
        with_code = {"name": "fourth", "otp_code": _current_code(device)}
        assert token_client.post(TOKENS_URL, with_code, format="json").status_code == 201
