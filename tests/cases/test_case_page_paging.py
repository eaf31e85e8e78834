"""The case page of a case with many listings and a long history shows both a page at a time, at the
same number of queries, and a decision on a later page of listings is taken."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.actors import SYSTEM
from audit.services import audit_record
from cases.models import CaseStatus
from cases.selectors import CASE_PAGE_ROWS
from tests.platforms.helpers import case_on

pytestmark = pytest.mark.django_db


def _history(case, entries: int) -> None:
    for n in range(entries):
        audit_record(actor=SYSTEM, subject=case, action="note", note=f"entry {n}")


def test_listings_and_history_come_a_page_at_a_time(platform, platform_user, login):
    # given a case with 150 listings and 130 history entries
    case = case_on(platform, listings=150)
    _history(case, 130)
    client = login(platform_user)
    url = reverse("platforms:case_detail", args=[case.pk])

    # when its page is opened, and then the second page of each
    first = client.get(url)
    second = client.get(url, {"listings_page": 2, "history_page": 2})

    # then each shows a page of rows and a pager that keeps the other's page
    assert len(first.context["listings"]) == CASE_PAGE_ROWS
    assert len(second.context["listings"]) == 50
    assert len(second.context["history"]) == first.context["history_pager"].paginator.count - CASE_PAGE_ROWS
    html = second.content.decode()
    assert "listings_page=2&amp;history_page=1" in html  # the history pager keeps the listings' page
    assert "history_page=2&amp;listings_page=1" in html


def test_the_case_page_costs_the_same_with_ten_or_a_thousand_listings(platform, platform_user, login):
    # given a small case and a large one
    small, large = case_on(platform, listings=10), case_on(platform, listings=300)
    _history(small, 5)  # an empty history is fetched by no query at all: both have one
    _history(large, 300)
    client = login(platform_user)

    def queries(case) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("platforms:case_detail", args=[case.pk])).status_code == 200
        return len(captured)

    # when each page is shown, then both cost the same queries (page counts and one page of each)
    queries(small)
    assert queries(small) == queries(large)


def test_a_listing_on_the_second_page_can_be_decided(platform, platform_user, login):
    # given a case whose listings fill more than one page
    case = case_on(platform, listings=CASE_PAGE_ROWS + 1, status=CaseStatus.AWAITING_PLATFORM)
    last = case.listings.order_by("-pk")[0]
    client = login(platform_user)

    # when the second page is shown, then the decision form offers its listing and posts to that page
    page = client.get(reverse("platforms:case_detail", args=[case.pk]), {"listings_page": 2})
    assert [listing.pk for listing in page.context["listings"]] == [last.pk]
    assert "?listings_page=2" in page.content.decode()
