"""Select-all on the queue: every case of the page, or every case matching the filter, for the bulk
actions; the next step names the cases it took, so the choice stays honest."""

import pytest
from django.urls import reverse

from cases.models import CaseStatus, HandlingMode
from tests.factories import PlatformFactory
from tests.platforms.helpers import case_on

pytestmark = pytest.mark.django_db

QUEUE = reverse("platforms:queue")
BULK = reverse("platforms:cases_decide_bulk")


def test_the_queue_offers_to_select_every_matching_case_beyond_the_page(platform, platform_user, login):
    # given 30 assisted cases awaiting the platform and 2 in platform handling
    for _ in range(30):
        case_on(platform, mode=HandlingMode.ASSISTED)
    case_on(platform, mode=HandlingMode.PLATFORM)
    case_on(platform, mode=HandlingMode.PLATFORM)

    # when the queue is filtered to assisted cases
    html = login(platform_user).get(QUEUE, {"mode": HandlingMode.ASSISTED}).content.decode()

    # then it offers the page's checkboxes at once and all 30 matching cases, carrying the filter
    assert 'data-select-all="bulk"' in html
    assert "Select all 30 matching cases" in html
    assert 'name="filter_query" value="mode=assisted"' in html


def test_selecting_all_matching_cases_takes_exactly_the_filtered_ones(platform, platform_user, login):
    # given assisted cases and platform-handling cases, all awaiting a decision
    assisted = {case_on(platform, mode=HandlingMode.ASSISTED).pk for _ in range(3)}
    others = {case_on(platform, mode=HandlingMode.PLATFORM).pk for _ in range(2)}

    # when "all matching" of the assisted filter is sent to the bulk decision
    response = login(platform_user).post(
        BULK, {"step": "choose", "all_matching": "1", "filter_query": f"mode={HandlingMode.ASSISTED}"}
    )

    # then the decision page names the three assisted cases and none of the others
    confirm = response.content.decode().split('id="confirm-decision"')[1].split("</div>")[0]
    assert "Yes, decide these 3 cases" in confirm
    assert {case.pk for case in response.context["cases"]} == assisted
    assert not {case.pk for case in response.context["cases"]} & others


def test_all_matching_never_reaches_beyond_the_users_platform(platform, platform_user, login):
    # given a case on the user's platform and one on another platform, both matching the filter
    own = case_on(platform, status=CaseStatus.AWAITING_PLATFORM)
    case_on(PlatformFactory(), status=CaseStatus.AWAITING_PLATFORM)

    # when all matching cases are chosen with an empty filter
    response = login(platform_user).post(BULK, {"step": "choose", "all_matching": "1", "filter_query": ""})

    # then only the own platform's case is taken
    assert [case.pk for case in response.context["cases"]] == [own.pk]
