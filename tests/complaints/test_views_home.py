from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.models import CaseOutcome, CaseStatus, ConsentParty, ConsentRequest, ConsentStatus, HandlingMode
from complaints.models import ListingStatus
from tests.factories import CaseFactory, ComplaintFactory, IPRightFactory

pytestmark = pytest.mark.django_db

HOME_URL = reverse("complaints:home")


def make_cases(user, count: int) -> None:
    right = IPRightFactory(owner_org=user.organisation)
    for _ in range(count):
        CaseFactory(
            complaint=ComplaintFactory(right=right, filed_by=user, status="submitted"),
            status=CaseStatus.AWAITING_PLATFORM,
            mode=HandlingMode.PLATFORM,
            routing_reason="Rule 9 “Default” matched.",
            listings=2,
        )


def home_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(HOME_URL)
    assert response.status_code == 200
    return len(queries)


def test_home_lists_complaints_and_cases_of_the_users_organisation_only(rightsholder_user, login):
    client = login(rightsholder_user)
    own = CaseFactory(complaint__right__owner_org=rightsholder_user.organisation, listings=3)
    draft = ComplaintFactory(
        right=IPRightFactory(owner_org=rightsholder_user.organisation), filed_by=rightsholder_user
    )
    foreign = CaseFactory()

    response = client.get(HOME_URL)

    assert [c.pk for c in response.context["complaints"]] == [draft.pk, own.complaint_id]
    assert [c.pk for c in response.context["cases"]] == [own.pk]
    assert response.context["complaints"][1].listing_count == 3
    assert response.context["complaints"][1].case_count == 1
    page = response.content.decode()
    assert reverse("complaints:case_detail", args=[own.pk]) in page
    assert reverse("complaints:complaint_detail", args=[foreign.complaint_id]) not in page


def test_home_pages_complaints_and_cases_separately(rightsholder_user, login):
    client = login(rightsholder_user)
    make_cases(rightsholder_user, 30)

    response = client.get(HOME_URL, {"page": 2, "cases_page": 1})

    assert len(response.context["complaints"]) == 5
    assert len(response.context["cases"]) == 25
    page = response.content.decode()
    # Each pager keeps the other list's page.
    assert "?cases_page=1&amp;page=1" in page
    assert "?page=2&amp;cases_page=2" in page


def test_home_query_count_does_not_grow_with_the_number_of_complaints_and_cases(
    rightsholder_user, login, django_assert_max_num_queries
):
    client = login(rightsholder_user)
    make_cases(rightsholder_user, 5)
    with_five = home_queries(client)
    make_cases(rightsholder_user, 45)

    with_fifty = home_queries(client)

    assert with_fifty == with_five
    # session + user + membership + organisation (the permission check), what waits (one query), the
    # figures (by status, by outcome, listings decided), then for each list a count for the paginator and
    # one page with its columns joined or annotated, the good-faith figures per platform (membership
    # annotated) and the warnings and suspensions: 4 + 1 + 3 + 2 + 2 + 2.
    with django_assert_max_num_queries(14):
        client.get(HOME_URL)


def test_home_is_a_404_for_platform_users_and_a_login_redirect_for_anonymous(client, platform_user, login):
    anonymous = client.get(HOME_URL)

    platform_response = login(platform_user).get(HOME_URL)

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("accounts:login"))
    assert platform_response.status_code == 404


def test_home_shows_first_what_waits_for_the_rightsholder_with_its_deadline(rightsholder_user, login):
    org = rightsholder_user.organisation
    soon = timezone.localdate() + timedelta(days=2)
    asked = CaseFactory(
        complaint__right__owner_org=org, status=CaseStatus.INFORMATION_REQUESTED, deadline=soon
    )
    window = CaseFactory(complaint__right__owner_org=org, status=CaseStatus.WINDOW_OPEN)
    consent = CaseFactory(
        complaint__right__owner_org=org, status=CaseStatus.AWAITING_CONSENT, mode=HandlingMode.ADMINISTRATIVE
    )
    given = CaseFactory(
        complaint__right__owner_org=org, status=CaseStatus.AWAITING_CONSENT, mode=HandlingMode.ADMINISTRATIVE
    )
    for case, status in ((consent, ConsentStatus.PENDING), (given, ConsentStatus.GIVEN)):
        ConsentRequest.objects.create(case=case, party=ConsentParty.COMPLAINANT, status=status, due_on=soon)
    CaseFactory(complaint__right__owner_org=org, status=CaseStatus.AWAITING_PLATFORM)
    CaseFactory(status=CaseStatus.INFORMATION_REQUESTED)  # another organisation's

    response = login(rightsholder_user).get(HOME_URL)

    # soonest deadline first: the information request (2 days), then the other two (3 days) by number
    waiting = [case.pk for case, _instruction in response.context["waiting"]]
    assert waiting == [asked.pk, window.pk, consent.pk]
    page = response.content.decode()
    assert page.index('id="waiting"') < page.index('id="complaints"')
    assert "Supply the information requested by" in page
    assert "Give or refuse your consent" in page


def test_home_counts_cases_by_status_and_outcome_and_the_takedown_rate_of_a_period(rightsholder_user, login):
    org = rightsholder_user.organisation
    upheld = CaseFactory(
        complaint__right__owner_org=org, status=CaseStatus.CLOSED, outcome=CaseOutcome.UPHELD, listings=3
    )
    upheld.listings.update(status=ListingStatus.TAKEN_DOWN)
    rejected = CaseFactory(
        complaint__right__owner_org=org, status=CaseStatus.CLOSED, outcome=CaseOutcome.NOT_UPHELD, listings=1
    )
    rejected.listings.update(status=ListingStatus.REJECTED)
    CaseFactory(complaint__right__owner_org=org, status=CaseStatus.AWAITING_PLATFORM, listings=2)
    old = CaseFactory(complaint__right__owner_org=org, status=CaseStatus.CLOSED, outcome=CaseOutcome.UPHELD)
    old.listings.update(status=ListingStatus.TAKEN_DOWN)
    type(old).objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=200))
    client = login(rightsholder_user)

    figures = client.get(HOME_URL).context["figures"]
    year = client.get(HOME_URL, {"period": "365"}).context["figures"]

    assert figures.days == 90
    assert figures.by_status == [("Closed", 2), ("Awaiting platform decision", 1)]
    assert dict(figures.by_outcome) == {"Upheld (measures taken)": 1, "Not upheld": 1}
    assert (figures.listings_taken_down, figures.listings_decided) == (3, 4)
    assert (year.listings_taken_down, year.listings_decided) == (4, 5)
    assert "75%" in client.get(HOME_URL).content.decode()
