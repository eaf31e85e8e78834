"""One date format per language, and the product's own 404 and 500 pages in both languages."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connections
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from django.utils.formats import date_format

from iprgov import error_handlers
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "day", "moment"),
    [
        ("en", "3 December 2026", "3 December 2026, 14:31"),
        ("zh-hans", "2026年12月3日", "2026年12月3日 14:31"),
    ],
)
def test_every_named_format_of_a_language_is_the_same(language, day, moment):
    when = datetime(2026, 12, 3, 14, 31, tzinfo=ZoneInfo("Asia/Shanghai"))
    with translation.override(language):
        assert {date_format(date(2026, 12, 3), f) for f in ("DATE_FORMAT", "SHORT_DATE_FORMAT")} == {day}
        assert {date_format(when, f) for f in ("DATETIME_FORMAT", "SHORT_DATETIME_FORMAT")} == {moment}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_an_unknown_page_is_the_products_404_in_the_readers_language(settings, language, login):
    settings.DEBUG = False
    client = login(UserFactory())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert 'id="not-found"' in html
    assert f'lang="{language}"' in html
    if language == "en":  # the Chinese wording comes with the catalogue, filled after merging
        assert "Page not found" in html


def test_the_500_page_renders_without_the_database(monkeypatch):
    def no_database(*args, **kwargs):
        raise AssertionError("the 500 page touched the database")

    monkeypatch.setattr(connections["default"], "cursor", no_database)

    html = render_to_string("500.html")

    assert "服务器出错" in html
    assert "Server error" in html


def test_the_500_handler_answers_with_the_products_page():
    request = RequestFactory().get("/portal/")

    response = error_handlers.server_error(request)

    assert response.status_code == 500
    assert "服务器出错" in response.content.decode()
