"""Language and time zone: chosen by the browser, switched on any page, kept in the profile."""

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.utils import translation

from accounts.middleware import UserPreferencesMiddleware
from accounts.models import OrgKind
from tests.factories import PASSWORD, OrganisationFactory, PlatformFactory, UserFactory

pytestmark = pytest.mark.django_db


def _switch(client: Client, language: str, next_url: str = "/transparency/") -> None:
    response = client.post("/i18n/setlang/", {"language": language, "next": next_url})
    assert response.status_code == 302


def test_browser_language_chooses_the_page_language(client) -> None:
    response = client.get("/transparency/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")

    assert response["Content-Language"] == "zh-hans"
    assert "信息公开" in response.content.decode()


def test_anonymous_switch_is_kept_in_the_language_cookie(client) -> None:
    _switch(client, "zh-hans")

    response = client.get("/transparency/", HTTP_ACCEPT_LANGUAGE="en")
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hans"
    assert "信息公开" in response.content.decode()


def test_switching_language_is_saved_in_the_profile_and_used_at_the_next_login(rightsholder_user) -> None:
    client = Client()
    client.login(request=HttpRequest(), username=rightsholder_user.username, password=PASSWORD)

    _switch(client, "zh-hans")

    rightsholder_user.refresh_from_db()
    assert rightsholder_user.language == "zh-hans"
    # A new browser in English, with no language cookie: the profile wins once signed in.
    fresh = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = fresh.post(
        "/accounts/login/", {"username": rightsholder_user.username, "password": PASSWORD}, follow=True
    )
    page = response.content.decode()
    assert '<html lang="zh-hans">' in page
    assert "我的投诉" in page
    assert fresh.cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hans"


def test_switching_back_to_english_updates_the_profile(rightsholder_user, login) -> None:
    rightsholder_user.language = "zh-hans"
    rightsholder_user.save()
    client = login(rightsholder_user)

    _switch(client, "en", next_url="/portal/")
    response = client.get("/portal/")

    rightsholder_user.refresh_from_db()
    assert rightsholder_user.language == "en"
    assert "My complaints" in response.content.decode()


def test_an_unknown_language_is_not_saved(rightsholder_user, login) -> None:
    client = login(rightsholder_user)

    client.post("/i18n/setlang/", {"language": "xx", "next": "/portal/"})

    rightsholder_user.refresh_from_db()
    assert rightsholder_user.language == ""


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "5 March 2026"), ("zh-hans", "2026年3月5日")],
)
def test_dates_render_per_language(language: str, expected: str) -> None:
    with translation.override(language):
        rendered = Template('{{ d|date:"DATE_FORMAT" }}').render(Context({"d": dt.date(2026, 3, 5)}))

    assert rendered == expected


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "1,234,567 1,234.50"), ("zh-hans", "1234567 1234.50")]
)
def test_numbers_render_per_language(language: str, expected: str) -> None:
    template = Template('{% load humanize %}{{ n|intcomma }} {{ f|floatformat:"2g" }}')
    with translation.override(language):
        assert template.render(Context({"n": 1234567, "f": 1234.5})) == expected


def _rendered_time_for(user) -> str:
    """Run a request as `user` through UserPreferencesMiddleware and render a fixed UTC moment."""
    moment = dt.datetime(2026, 1, 10, 8, 30, tzinfo=dt.UTC)
    request = RequestFactory().get("/")
    request.user = user

    def view(request):
        return HttpResponse(Template('{{ t|date:"H:i" }}').render(Context({"t": moment})))

    return UserPreferencesMiddleware(view)(request).content.decode()


def test_times_are_shown_in_the_users_own_time_zone(settings, rightsholder_user) -> None:
    settings.TIME_ZONE = "UTC"
    rightsholder_user.time_zone = "Europe/Berlin"

    assert _rendered_time_for(rightsholder_user) == "09:30"


def test_platform_and_office_staff_see_beijing_time_by_default(settings, platform_user, office_user) -> None:
    settings.TIME_ZONE = "UTC"

    assert _rendered_time_for(platform_user) == "16:30"
    assert _rendered_time_for(office_user) == "16:30"


def test_rightsholders_and_visitors_see_the_site_time_zone(settings, rightsholder_user) -> None:
    settings.TIME_ZONE = "UTC"

    assert _rendered_time_for(rightsholder_user) == "08:30"
    assert _rendered_time_for(AnonymousUser()) == "08:30"


def test_platform_and_office_staff_default_to_beijing_time(settings) -> None:
    settings.TIME_ZONE = "UTC"
    from accounts.preferences import user_time_zone

    staff = UserFactory(organisation=PlatformFactory().organisation)
    rightsholder = UserFactory(organisation=OrganisationFactory(kind=OrgKind.RIGHTSHOLDER))

    assert str(user_time_zone(staff)) == "Asia/Shanghai"
    assert str(user_time_zone(rightsholder)) == "UTC"
