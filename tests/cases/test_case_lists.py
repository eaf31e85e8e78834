"""Finding any case on the platform queue, the office docket and the rightsholder's case list: search by
every clue a person has, filters, sort, page size, bounded counts and counts beside each choice."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Assignment, CaseStatus, HandlingMode
from complaints.models import RightType
from tests.factories import (
    CaseFactory,
    ComplaintFactory,
    IPRightFactory,
    OrganisationFactory,
    PlatformFactory,
    StoreFactory,
)
from tests.platforms.helpers import case_on

pytestmark = pytest.mark.django_db

QUEUE = reverse("platforms:queue")
DOCKET = reverse("enforcement:docket")
MY_CASES = reverse("complaints:case_list")


def _ids(response) -> list[int]:
    return [case.pk for case in response.context["cases"]]


def _search(client, url: str, text: str) -> list[int]:
    response = client.get(url, {"q": text})
    assert response.status_code == 200, response.context["form"].errors
    return _ids(response)


def test_queue_finds_a_case_by_each_clue_a_moderator_has(platform, platform_user, login):
    # given a case whose every clue is distinct, among others on the same platform
    right = IPRightFactory(
        registration_number="TM-88112233", owner_org=OrganisationFactory(name="Lumen Optics Holding")
    )
    store = StoreFactory(platform=platform, external_id="seller-7788", name="Golden Harbour Outlet")
    wanted = CaseFactory(
        complaint=ComplaintFactory(right=right, platform=platform, status="submitted"),
        store=store,
        status=CaseStatus.AWAITING_PLATFORM,
        mode=HandlingMode.PLATFORM,
    )
    listing = wanted.listings.get()
    listing.url, listing.listing_ref = "https://mall.example.test/item/998877.html", "998877"
    listing.save()
    others = [case_on(platform) for _ in range(3)]
    client = login(platform_user)

    # when the moderator searches by each clue, then exactly that case is found
    for clue in [
        str(wanted.pk),
        str(wanted.complaint_id),
        "https://mall.example.test/item/998877.html",
        "item/998877",
        "998877",
        "seller-7788",
        "golden harbour",
        "TM-88112233",
        "lumen optics",
    ]:
        found = _search(client, QUEUE, clue)
        assert wanted.pk in found, clue
        assert not set(found) & {case.pk for case in others}, clue


def test_search_never_shows_another_platforms_case(platform, platform_user, login):
    # given the same listing URL in a case on another platform
    elsewhere = case_on(PlatformFactory())
    elsewhere.listings.update(url="https://shared.example.test/item/1")
    own = case_on(platform)
    own.listings.update(url="https://shared.example.test/item/1")

    # when the moderator searches for it, then only the own platform's case is listed
    assert _search(login(platform_user), QUEUE, "shared.example.test/item/1") == [own.pk]


def test_search_text_too_short_is_an_error_next_to_the_field(platform, platform_user, login):
    # given a case on the platform
    case_on(platform)

    # when the moderator searches for two letters
    response = login(platform_user).get(QUEUE, {"q": "ab"})

    # then the search field says why, and the queue is shown unsearched
    assert "at least 3 characters" in str(response.context["form"].errors["q"])
    assert 'id="id_q_errors"' in response.content.decode()
    assert len(_ids(response)) == 1


def test_queue_filters_by_right_type_and_overdue(platform, platform_user, login):
    # given a late trademark case, a trademark case in time and a late patent case
    yesterday = timezone.localdate() - timedelta(days=1)
    late_mark = CaseFactory(
        complaint=ComplaintFactory(
            platform=platform, status="submitted", right=IPRightFactory(right_type=RightType.TRADEMARK)
        ),
        status=CaseStatus.AWAITING_PLATFORM,
        mode=HandlingMode.PLATFORM,
        deadline=yesterday,
    )
    CaseFactory(
        complaint=ComplaintFactory(
            platform=platform, status="submitted", right=IPRightFactory(right_type=RightType.TRADEMARK)
        ),
        status=CaseStatus.AWAITING_PLATFORM,
        mode=HandlingMode.PLATFORM,
    )
    CaseFactory(
        complaint=ComplaintFactory(
            platform=platform,
            status="submitted",
            right=IPRightFactory(right_type=RightType.INVENTION_PATENT),
        ),
        status=CaseStatus.AWAITING_PLATFORM,
        mode=HandlingMode.PLATFORM,
        deadline=yesterday,
    )

    # when the queue is filtered to overdue trademark cases
    response = login(platform_user).get(QUEUE, {"right_type": RightType.TRADEMARK, "overdue": "on"})

    # then only the late trademark case is listed
    assert _ids(response) == [late_mark.pk]


def test_queue_sorts_by_age_and_status(platform, platform_user, login):
    # given cases created one after the other in different statuses
    first = case_on(platform, status=CaseStatus.COUNTER_NOTICE_RECEIVED)
    second = case_on(platform, status=CaseStatus.AWAITING_PLATFORM)
    third = case_on(platform, status=CaseStatus.AWAITING_EXECUTION)
    client = login(platform_user)

    # when sorted newest first, oldest first and by status
    newest = _ids(client.get(QUEUE, {"sort": "newest"}))
    oldest = _ids(client.get(QUEUE, {"sort": "oldest"}))
    by_status = _ids(client.get(QUEUE, {"sort": "status"}))

    # then each order is the one asked for
    assert newest == [third.pk, second.pk, first.pk]
    assert oldest == [first.pk, second.pk, third.pk]
    assert by_status == [third.pk, second.pk, first.pk]  # awaiting_execution, awaiting_platform, counter_...


def test_queue_page_size_is_the_one_chosen_and_a_bad_one_is_refused(platform, platform_user, login):
    # given 60 cases
    for _ in range(60):
        case_on(platform)
    client = login(platform_user)

    # when 50 a page are asked for, then 50 are shown; 30 is not a choice and is reported
    assert len(_ids(client.get(QUEUE, {"per_page": "50"}))) == 50
    refused = client.get(QUEUE, {"per_page": "30"})
    assert "per_page" in refused.context["form"].errors
    assert len(_ids(refused)) == 25


def test_filter_choices_carry_their_counts(platform, platform_user, login):
    # given two assisted cases and one in platform handling
    case_on(platform, mode=HandlingMode.ASSISTED, status=CaseStatus.AWAITING_OPINION)
    case_on(platform, mode=HandlingMode.ASSISTED, status=CaseStatus.AWAITING_PLATFORM)
    case_on(platform, mode=HandlingMode.PLATFORM, status=CaseStatus.AWAITING_PLATFORM)

    # when the queue is filtered to awaiting platform decision
    response = login(platform_user).get(QUEUE, {"status": CaseStatus.AWAITING_PLATFORM})

    # then each mode says how many cases it would show with that status, each status with all modes
    modes = dict(response.context["form"].fields["mode"].choices)
    statuses = dict(response.context["form"].fields["status"].choices)
    assert modes[HandlingMode.ASSISTED].endswith("(1)")
    assert modes[HandlingMode.PLATFORM].endswith("(1)")
    assert statuses[CaseStatus.AWAITING_PLATFORM].endswith("(2)")
    assert statuses[CaseStatus.AWAITING_OPINION].endswith("(1)")
    assert statuses[CaseStatus.CLOSED].endswith("(0)")


def test_a_count_past_the_bound_says_more_than(platform, platform_user, login, monkeypatch):
    # given more cases than the count goes to (the bound made small for the test)
    monkeypatch.setattr("cases.case_lists.COUNT_BOUND", 3)
    monkeypatch.setattr("cases.case_lists.FACET_BOUND", 2)
    for _ in range(5):
        case_on(platform)

    # when the queue is shown
    response = login(platform_user).get(QUEUE)

    # then it says "more than 3" instead of counting on, and still shows the page
    assert response.context["page_obj"].paginator.is_bounded
    assert "More than 3 cases" in response.content.decode()
    assert len(_ids(response)) == 4  # one page holds what the bounded count found: 3 + 1
    assert dict(response.context["form"].fields["status"].choices)[CaseStatus.AWAITING_PLATFORM].endswith(
        "(2+)"
    )


def test_docket_filters_cases_assigned_to_the_official(office, office_user, login):
    # given two administrative cases of the office, one assigned to the official
    mine = CaseFactory(
        mode=HandlingMode.ADMINISTRATIVE, status=CaseStatus.AWAITING_OFFICE_DECISION, office=office
    )
    CaseFactory(mode=HandlingMode.ADMINISTRATIVE, status=CaseStatus.AWAITING_OFFICE_DECISION, office=office)
    Assignment.objects.create(case=mine, official=office_user, assigned_by=office_user)

    # when the official asks for the cases assigned to them
    response = login(office_user).get(DOCKET, {"mine": "on"})

    # then only that case is listed
    assert response.status_code == 200
    assert _ids(response) == [mine.pk]


def test_docket_finds_a_case_by_store_name(office, office_user, login):
    # given two opinion cases of the office
    wanted = CaseFactory(
        mode=HandlingMode.ASSISTED,
        status=CaseStatus.AWAITING_OPINION,
        office=office,
        store__name="Blue Lantern Trading",
    )
    CaseFactory(mode=HandlingMode.ASSISTED, status=CaseStatus.AWAITING_OPINION, office=office)

    # when the official searches part of the store's name, then that case is found
    assert _search(login(office_user), DOCKET, "lantern trad") == [wanted.pk]


def test_rightsholders_case_list_searches_its_own_cases_only(rightsholder_user, login):
    # given a case of the rightsholder's complaint and another holder's case on the same listing URL
    own = CaseFactory(
        complaint=ComplaintFactory(
            right=IPRightFactory(owner_org=rightsholder_user.organisation), status="submitted"
        ),
        status=CaseStatus.AWAITING_PLATFORM,
        mode=HandlingMode.PLATFORM,
    )
    other = CaseFactory(status=CaseStatus.AWAITING_PLATFORM, mode=HandlingMode.PLATFORM)
    own.listings.update(url="https://shop.example.test/p/shared")
    other.listings.update(url="https://shop.example.test/p/shared")
    client = login(rightsholder_user)

    # when the rightsholder searches the URL on its case list
    response = client.get(MY_CASES, {"q": "/p/shared"})

    # then only its own case is found, with its status as a badge
    assert _ids(response) == [own.pk]
    assert f'class="badge status-{CaseStatus.AWAITING_PLATFORM}"' in response.content.decode()


def test_the_rightsholders_case_list_is_not_found_for_platform_staff(platform_user, login):
    # given platform staff, when they open the rightsholder's case list, then it does not exist for them
    assert login(platform_user).get(MY_CASES).status_code == 404


def test_a_search_matching_many_cases_lists_them_without_counts_beside_the_choices(
    platform, platform_user, login, monkeypatch
):
    # given more cases matching a store name than the search fetches (the limit made small for the test)
    monkeypatch.setattr("cases.case_search.FETCHED_MATCHES", 2)
    for number in range(3):
        CaseFactory(
            complaint__platform=platform,
            store=StoreFactory(platform=platform, name=f"Harbour Outlet {number}"),
            status=CaseStatus.AWAITING_PLATFORM,
            mode=HandlingMode.PLATFORM,
        )
    case_on(platform)

    # when the queue is searched by the common part of their names
    response = login(platform_user).get(QUEUE, {"q": "harbour outlet"})

    # then the three are listed and counted, and the choices carry no count (each would search again)
    assert len(_ids(response)) == 3
    assert response.context["page_obj"].paginator.count == 3
    statuses = dict(response.context["form"].fields["status"].choices)
    assert str(statuses[CaseStatus.AWAITING_PLATFORM]) == str(CaseStatus.AWAITING_PLATFORM.label)
