"""Every case list costs the same number of queries whatever the number of cases: nothing is fetched per
row, the counts are bounded, and the listing count is stored on the case."""

from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import Assignment, CaseStatus, HandlingMode
from tests.api.conftest import token_client
from tests.factories import CaseFactory, ComplaintFactory, IPRightFactory
from tests.platforms.helpers import case_on

pytestmark = pytest.mark.django_db


def _queries(get: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = get()
    assert response.status_code == 200  # type: ignore[attr-defined]
    return len(captured)


def _same_for_few_and_many(make: Callable[[], object], get: Callable[[], object]) -> int:
    # One request first: bookkeeping done once per session or token (its last use is recorded at most
    # once a while) must not pass for a cost of the cases.
    get()
    for _ in range(3):
        make()
    few = _queries(get)
    for _ in range(57):
        make()
    many = _queries(get)
    assert few == many
    return many


QUEUE_ASKED = {"q": "example.test", "mode": HandlingMode.PLATFORM, "sort": "newest", "per_page": "50"}


def test_the_searched_and_filtered_queue_costs_a_fixed_number_of_queries(platform, platform_user, login):
    client = login(platform_user)

    count = _same_for_few_and_many(
        lambda: case_on(platform, listings=2), lambda: client.get(reverse("platforms:queue"), QUEUE_ASKED)
    )

    # session, user, membership + organisation (guard), respondents to reach, the search's matching ids
    # (once, shared by the counts), bounded count, the counts beside the choices (one statement), the page
    assert count == 9


def test_the_filtered_docket_costs_a_fixed_number_of_queries(office, office_user, login):
    client = login(office_user)

    def assigned_case() -> None:
        case = CaseFactory(
            mode=HandlingMode.ADMINISTRATIVE, status=CaseStatus.AWAITING_OFFICE_DECISION, office=office
        )
        Assignment.objects.create(case=case, official=office_user, assigned_by=office_user)

    count = _same_for_few_and_many(
        assigned_case,
        lambda: client.get(reverse("enforcement:docket"), {"mine": "on", "overdue": "", "sort": "status"}),
    )

    # session, user, membership + organisation (guard), bounded count, counts beside the choices, the page
    assert count == 7


def test_the_rightsholders_case_list_costs_a_fixed_number_of_queries(rightsholder_user, login):
    client = login(rightsholder_user)
    right = IPRightFactory(owner_org=rightsholder_user.organisation)

    count = _same_for_few_and_many(
        lambda: CaseFactory(
            complaint=ComplaintFactory(right=right, status="submitted"),
            status=CaseStatus.AWAITING_PLATFORM,
            mode=HandlingMode.PLATFORM,
        ),
        lambda: client.get(reverse("complaints:case_list"), {"q": "example.test"}),
    )

    # session, user, membership + organisation (guard), the search's matching ids, bounded count, counts
    # beside the choices, the page
    assert count == 8


def test_the_api_case_list_costs_a_fixed_number_of_queries(platform, platform_user):
    client = token_client(platform_user)

    count = _same_for_few_and_many(
        lambda: case_on(platform, listings=2),
        lambda: client.get("/api/v1/cases/", {"q": "example.test", "page_size": "50"}),
    )

    # the token read with its membership and organisation, the search's matching ids, and the page of
    # cases (a cursor page: no count)
    assert count == 3
