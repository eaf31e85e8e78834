import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import CaseStatus, HandlingMode
from tests.factories import PlatformFactory
from tests.platforms.helpers import case_on

pytestmark = pytest.mark.django_db

QUEUE = reverse("platforms:queue")


def _row(html: str, case_pk: int) -> str:
    match = re.search(rf'<tr id="case-{case_pk}">.*?</tr>', html, re.S)
    assert match, f"case {case_pk} is not in the queue"
    return match.group(0)


def test_queue_lists_only_the_cases_on_the_users_platform(platform, platform_user, login):
    # given a case on the user's platform and one on another platform
    own = case_on(platform)
    other = case_on(PlatformFactory())

    # when the user opens the queue
    response = login(platform_user).get(QUEUE)

    # then only the own platform's case is listed
    assert response.status_code == 200
    assert [case.pk for case in response.context["cases"]] == [own.pk]
    assert f'id="case-{other.pk}"' not in response.content.decode()


def test_queue_shows_store_right_mode_status_and_listing_count(platform, platform_user, login):
    # given a case with three listings
    case = case_on(platform, listings=3)

    # when the queue is shown
    html = login(platform_user).get(QUEUE).content.decode()

    # then its row carries the columns staff triage by
    row = _row(html, case.pk)
    assert str(case.store) in row
    assert str(case.complaint.right) in row
    assert 'class="badge mode-platform"' in row
    assert "Awaiting platform decision" in row
    assert "<td>3</td>" in row


def test_queue_filters_by_mode_and_status(platform, platform_user, login):
    # given cases in different modes and statuses
    wanted = case_on(platform, mode=HandlingMode.ASSISTED, status=CaseStatus.AWAITING_OPINION)
    case_on(platform, mode=HandlingMode.ASSISTED, status=CaseStatus.AWAITING_PLATFORM)
    case_on(platform, mode=HandlingMode.PLATFORM, status=CaseStatus.AWAITING_PLATFORM)

    # when the queue is filtered by mode and status
    filters = {"mode": HandlingMode.ASSISTED, "status": CaseStatus.AWAITING_OPINION}
    response = login(platform_user).get(QUEUE, filters)

    # then only the matching case is listed
    assert [case.pk for case in response.context["cases"]] == [wanted.pk]


def test_queue_orders_cases_by_deadline(platform, platform_user, login):
    # given cases created out of deadline order
    today = timezone.localdate()
    later = case_on(platform, deadline=today + timedelta(days=9))
    soonest = case_on(platform, deadline=today + timedelta(days=1))
    middle = case_on(platform, deadline=today + timedelta(days=4))

    # when the queue is shown
    response = login(platform_user).get(QUEUE)

    # then the soonest deadline comes first
    assert [case.pk for case in response.context["cases"]] == [soonest.pk, middle.pk, later.pk]


def test_queue_flags_open_cases_past_their_deadline_as_overdue(platform, platform_user, login):
    # given an open case past its deadline, a decided one past its deadline and an open one due today
    yesterday = timezone.localdate() - timedelta(days=1)
    overdue = case_on(platform, deadline=yesterday)
    decided = case_on(platform, deadline=yesterday, status=CaseStatus.DECIDED)
    due_today = case_on(platform, deadline=timezone.localdate())

    # when the queue is shown
    html = login(platform_user).get(QUEUE).content.decode()

    # then only the open, late case is flagged
    assert "badge overdue" in _row(html, overdue.pk)
    assert "badge overdue" not in _row(html, decided.pk)
    assert "badge overdue" not in _row(html, due_today.pk)


def test_queue_reports_an_unknown_filter_value_on_the_form(platform, platform_user, login):
    # given a case on the platform
    case = case_on(platform)

    # when the queue is asked for a mode that does not exist
    response = login(platform_user).get(QUEUE, {"mode": "bogus"})

    # then the form says so and the queue still shows, without that filter
    assert response.status_code == 200
    assert "mode" in response.context["form"].errors
    assert 'id="id_mode_errors"' in response.content.decode()
    assert [c.pk for c in response.context["cases"]] == [case.pk]


def test_queue_pages_by_25_and_keeps_the_filters_in_page_links(platform, platform_user, login):
    # given more assisted cases than fit on one page
    for _ in range(26):
        case_on(platform, mode=HandlingMode.ASSISTED)

    # when the filtered queue is shown
    response = login(platform_user).get(QUEUE, {"mode": HandlingMode.ASSISTED})

    # then one page holds 25 and the link to the next keeps the filter
    assert len(response.context["cases"]) == 25
    assert "?mode=assisted&amp;page=2" in response.content.decode()
    second = login(platform_user).get(QUEUE, {"mode": HandlingMode.ASSISTED, "page": 2})
    assert len(second.context["cases"]) == 1


@pytest.mark.parametrize("count", [5, 50])
def test_queue_query_count_does_not_grow_with_the_number_of_cases(
    count, platform, platform_user, login, django_assert_num_queries
):
    # given a platform with few or many cases (50 fills two pages)
    for _ in range(count):
        case_on(platform, listings=2)
    client = login(platform_user)

    # when the queue is shown, then the queries are the same for 5 and 50 cases:
    # session + user (auth middleware), membership + organisation (platform_required; the
    # context processor reuses the cached membership), the respondents to reach, the platform's kept
    # counts (cases.models.CaseCount: the pager's total and the counts beside every choice), and one page
    # of cases with store and right joined in (the listing count is stored on the case).
    with django_assert_num_queries(7):
        response = client.get(QUEUE)
    assert response.status_code == 200


@pytest.mark.parametrize("user_fixture", ["rightsholder_user", "office_user"])
def test_queue_is_not_found_for_users_of_other_organisation_kinds(user_fixture, request, login):
    # given a user who is not platform staff
    user = request.getfixturevalue(user_fixture)

    # when they open the platform console
    response = login(user).get(QUEUE)

    # then it does not exist for them
    assert response.status_code == 404
