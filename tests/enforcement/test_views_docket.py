from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.models import CaseStatus, HandlingMode
from tests.factories import CaseFactory, OfficeFactory

if TYPE_CHECKING:
    # The test client's response, with its context; the name exists in the stubs only.
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

pytestmark = pytest.mark.django_db

DOCKET = reverse("enforcement:docket")


def _ids(response: "TestResponse") -> list[int]:
    return [case.pk for case in response.context["cases"]]


def test_docket_shows_the_offices_opinion_and_administrative_cases_only(office, office_user, login):
    assisted = CaseFactory(mode=HandlingMode.ASSISTED, status=CaseStatus.AWAITING_OPINION, office=office)
    administrative = CaseFactory(
        mode=HandlingMode.ADMINISTRATIVE, status=CaseStatus.AWAITING_OFFICE_DECISION, office=office
    )
    CaseFactory(mode=HandlingMode.PLATFORM, status=CaseStatus.AWAITING_PLATFORM, office=office)
    CaseFactory(mode=HandlingMode.ASSISTED, status=CaseStatus.AWAITING_OPINION, office=OfficeFactory())
    client = login(office_user)

    response = client.get(DOCKET)

    assert response.status_code == 200
    assert sorted(_ids(response)) == sorted([assisted.pk, administrative.pk])
    assert reverse("enforcement:case_detail", args=[assisted.pk]) in response.content.decode()


def test_docket_mode_filter_shows_platform_cases_of_the_jurisdiction(office, office_user, login):
    CaseFactory(mode=HandlingMode.ASSISTED, status=CaseStatus.AWAITING_OPINION, office=office)
    platform_case = CaseFactory(
        mode=HandlingMode.PLATFORM, status=CaseStatus.AWAITING_PLATFORM, office=office
    )
    CaseFactory(mode=HandlingMode.PLATFORM, status=CaseStatus.AWAITING_PLATFORM, office=OfficeFactory())
    client = login(office_user)

    response = client.get(DOCKET, {"mode": HandlingMode.PLATFORM})

    assert _ids(response) == [platform_case.pk]


def test_docket_status_filter_keeps_only_that_status(office, office_user, login):
    CaseFactory(mode=HandlingMode.ASSISTED, status=CaseStatus.AWAITING_OPINION, office=office)
    answered = CaseFactory(mode=HandlingMode.ASSISTED, status=CaseStatus.AWAITING_PLATFORM, office=office)
    client = login(office_user)

    response = client.get(DOCKET, {"status": CaseStatus.AWAITING_PLATFORM})

    assert _ids(response) == [answered.pk]


@pytest.mark.parametrize(
    "query", [{"mode": "martian"}, {"status": "'; drop table"}, {"page": "x", "mode": "?"}]
)
def test_docket_bad_filter_is_a_form_error_not_a_server_error(office, office_user, login, query):
    CaseFactory(mode=HandlingMode.ASSISTED, status=CaseStatus.AWAITING_OPINION, office=office)
    client = login(office_user)

    response = client.get(DOCKET, query)

    assert response.status_code == 400
    assert response.context["form"].errors
    assert 'class="errors"' in response.content.decode()
    assert _ids(response) == []


def test_docket_is_ordered_by_deadline(office, office_user, login):
    today = timezone.localdate()
    later = CaseFactory(
        mode=HandlingMode.ASSISTED,
        status=CaseStatus.AWAITING_OPINION,
        office=office,
        deadline=today + timedelta(5),
    )
    sooner = CaseFactory(
        mode=HandlingMode.ASSISTED,
        status=CaseStatus.AWAITING_OPINION,
        office=office,
        deadline=today + timedelta(1),
    )
    client = login(office_user)

    response = client.get(DOCKET)

    assert _ids(response) == [sooner.pk, later.pk]


def test_docket_marks_open_cases_past_their_deadline_as_overdue(office, office_user, login):
    yesterday = timezone.localdate() - timedelta(days=1)
    late = CaseFactory(
        mode=HandlingMode.ASSISTED, status=CaseStatus.AWAITING_OPINION, office=office, deadline=yesterday
    )
    closed = CaseFactory(
        mode=HandlingMode.ASSISTED, status=CaseStatus.DECIDED, office=office, deadline=yesterday
    )
    in_time = CaseFactory(mode=HandlingMode.ASSISTED, status=CaseStatus.AWAITING_OPINION, office=office)
    client = login(office_user)

    response = client.get(DOCKET)

    overdue = {case.pk: case.is_overdue for case in response.context["cases"]}
    assert overdue == {late.pk: True, closed.pk: False, in_time.pk: False}
    html = response.content.decode()
    row_of = {pk: html.split(f'id="case-{pk}"')[1].split("</tr>")[0] for pk in overdue}
    assert 'class="badge overdue"' in row_of[late.pk]
    assert "overdue" not in row_of[closed.pk]
    assert "overdue" not in row_of[in_time.pk]


def test_docket_pages_by_25_and_keeps_the_filter_in_page_links(office, office_user, login):
    CaseFactory.create_batch(
        26, mode=HandlingMode.ASSISTED, status=CaseStatus.AWAITING_OPINION, office=office
    )
    client = login(office_user)

    first = client.get(DOCKET, {"mode": HandlingMode.ASSISTED})
    second = client.get(DOCKET, {"mode": HandlingMode.ASSISTED, "page": 2})

    assert len(_ids(first)) == 25
    assert len(_ids(second)) == 1
    assert "?mode=assisted&amp;page=2" in first.content.decode()
    assert "?mode=assisted&amp;page=1" in second.content.decode()


def _docket_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(DOCKET)
    assert response.status_code == 200
    return len(queries)


def test_docket_query_count_does_not_grow_with_the_number_of_cases(office, office_user, login):
    CaseFactory.create_batch(5, mode=HandlingMode.ASSISTED, status=CaseStatus.AWAITING_OPINION, office=office)
    client = login(office_user)
    with_5 = _docket_queries(client)

    CaseFactory.create_batch(
        45, mode=HandlingMode.ASSISTED, status=CaseStatus.AWAITING_OPINION, office=office
    )
    with_50 = _docket_queries(client)

    # session, user, membership, organisation (for the guard; the header reuses them), the office's kept
    # counts (cases.models.CaseCount: the pager's total and the counts beside every choice) and one page
    # of cases with platform, office, store and right joined (the listing count is stored on the case):
    # nothing is fetched per row, so 50 cases (two pages) cost what 5 do.
    assert with_50 == with_5
    assert with_5 == 6
