import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import CaseStatus, HandlingMode
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
    # session + user + membership + organisation (the permission check), then for each list
    # a count for the paginator and one page with its columns joined or annotated: 4 + 2 + 2.
    with django_assert_max_num_queries(8):
        client.get(HOME_URL)


def test_home_is_a_404_for_platform_users_and_a_login_redirect_for_anonymous(client, platform_user, login):
    anonymous = client.get(HOME_URL)

    platform_response = login(platform_user).get(HOME_URL)

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("accounts:login"))
    assert platform_response.status_code == 404
