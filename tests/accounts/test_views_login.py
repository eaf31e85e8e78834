import pytest
from django.http import HttpRequest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("user_fixture", "home"),
    [("rightsholder_user", "/portal/"), ("platform_user", "/platform/"), ("office_user", "/office/")],
)
def test_after_login_each_user_lands_on_the_home_of_their_organisation_kind(
    client, request, user_fixture, home
):
    user = request.getfixturevalue(user_fixture)

    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == home
    assert response.status_code == 200


def test_wrong_password_is_refused_with_a_message(client, rightsholder_user):
    response = client.post("/accounts/login/", {"username": rightsholder_user.username, "password": "nope"})

    assert response.status_code == 200
    assert "correct username and password" in response.content.decode()


def test_a_user_without_organisation_is_told_so(client):
    user = UserFactory()
    client.login(request=HttpRequest(), username=user.username, password=PASSWORD)

    response = client.get("/accounts/home/")

    assert response.status_code == 403
    assert "not a member of any organisation" in response.content.decode()


def test_anonymous_users_are_sent_to_login(client):
    response = client.get("/portal/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_logout_ends_the_session(client, rightsholder_user):
    client.login(request=HttpRequest(), username=rightsholder_user.username, password=PASSWORD)

    client.post("/accounts/logout/")

    assert client.get("/portal/").status_code == 302


def test_an_operator_without_an_organisation_lands_in_the_admin(login, settings):
    # with DEBUG off an operator must give a second factor first (test_second_factor.py)
    settings.DEBUG = True
    operator = UserFactory(is_staff=True)

    response = login(operator).get(reverse("accounts:home"))

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
