from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import PASSWORD


def test_token_is_obtained_with_username_and_password_and_works(rightsholder_user):
    client = APIClient()

    response = client.post(
        "/api/v1/auth/token/", {"username": rightsholder_user.username, "password": PASSWORD}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["token"] == Token.objects.get(user=rightsholder_user).key
    assert response.json()["organisation_kind"] == "rightsholder"
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert client.get("/api/v1/complaints/").status_code == 200


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


def test_rotating_the_token_retires_the_old_one(holder, rightsholder_user):
    old = Token.objects.get(user=rightsholder_user).key

    response = holder.post("/api/v1/auth/token/rotate/")

    assert response.status_code == 200
    assert response.json()["token"] != old
    stale = APIClient()
    stale.credentials(HTTP_AUTHORIZATION=f"Token {old}")
    assert stale.get("/api/v1/complaints/").status_code == 401


def test_token_page_shows_and_rotates_the_token(login, rightsholder_user):
    client = login(rightsholder_user)

    page = client.get("/api/token/")
    key = Token.objects.get(user=rightsholder_user).key
    client.post("/api/token/")

    assert key in page.content.decode()
    assert Token.objects.get(user=rightsholder_user).key != key


def test_unauthenticated_calls_are_401(db):
    response = APIClient().get("/api/v1/cases/")

    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "not_authenticated"
