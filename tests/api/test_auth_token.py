from datetime import datetime, timedelta

from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories import PASSWORD


def _obtain(user, **extra):
    return APIClient().post(
        "/api/v1/auth/token/", {"username": user.username, "password": PASSWORD, **extra}, format="json"
    )


def test_token_is_obtained_with_username_and_password_and_works(rightsholder_user, settings):
    settings.IPRGOV_API_TOKEN_TTL_DAYS = 30
    client = APIClient()

    response = _obtain(rightsholder_user, name="nightly import")

    body = response.json()
    assert response.status_code == 200
    assert body["organisation_kind"] == "rightsholder"
    assert body["name"] == "nightly import"
    assert body["token"].startswith(body["prefix"]) and len(body["prefix"]) == 8
    expires_in = datetime.fromisoformat(body["expires_at"]) - timezone.now()
    assert timedelta(days=29, hours=23) < expires_in <= timedelta(days=30)
    assert response["Cache-Control"] == "no-store"
    client.credentials(HTTP_AUTHORIZATION=f"Token {body['token']}")
    assert client.get("/api/v1/complaints/").status_code == 200


def test_each_exchange_makes_another_token_and_the_earlier_ones_keep_working(rightsholder_user):
    first = _obtain(rightsholder_user).json()["token"]
    second = _obtain(rightsholder_user).json()["token"]

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {first}")
    listed = client.get("/api/v1/auth/tokens/").json()["results"]

    assert first != second
    assert [t["name"] for t in listed] == ["password sign-in", "password sign-in"]


def test_wrong_password_is_401_with_a_machine_readable_body(rightsholder_user):
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": rightsholder_user.username, "password": "nope"}, format="json"
    )

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {
        "errors": [
            {
                "field": None,
                "code": "invalid_credentials",
                "message": "The username or password is not right.",
            }
        ]
    }


def test_missing_fields_name_each_field(db):
    response = APIClient().post("/api/v1/auth/token/", {}, format="json")

    assert response.status_code == 400
    assert {(e["field"], e["code"]) for e in response.json()["errors"]} == {
        ("username", "required"),
        ("password", "required"),
    }


def test_rotating_the_token_retires_the_one_the_call_was_made_with(holder, rightsholder_user):
    old = rightsholder_user.api_tokens.get()

    response = holder.post("/api/v1/auth/token/rotate/")

    new = APIClient()
    new.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    stale = holder.get("/api/v1/complaints/")
    assert response.status_code == 200
    assert response.json()["name"] == old.name and response.json()["id"] != old.pk
    assert new.get("/api/v1/complaints/").status_code == 200
    assert stale.status_code == 401 and stale.json()["errors"][0]["code"] == "token_revoked"


def test_a_session_has_no_token_to_rotate(login, rightsholder_user):
    response = login(rightsholder_user).post("/api/v1/auth/token/rotate/")

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "token_required"
    assert not rightsholder_user.api_tokens.exists()


def test_unauthenticated_calls_are_401(db):
    response = APIClient().get("/api/v1/cases/")

    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "not_authenticated"
