"""The counts the database keeps for the case lists (cases.models.CaseCount): the queue, the docket and the
rightsholder's list show their total and the counts beside each choice from them, and they follow every
way cases are written: the ORM, a service's transition, a set-based update, a delete; folded and rebuilt
without changing what the lists say."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from cases.case_lists import bounded_counts
from cases.models import Case, CaseCount, CaseStatus, HandlingMode
from cases.selectors import case_list_for_platform
from cases.services.decisions import listing_decide
from cases.services.list_counts import case_counts_compact, case_counts_rebuild
from platforms.models import DecisionAction, ReasonCode
from tests.decisions import statement_of
from tests.factories import CaseFactory, ComplaintFactory, IPRightFactory
from tests.platforms.helpers import case_on

pytestmark = pytest.mark.django_db

QUEUE = reverse("platforms:queue")


def _labels(response, name: str) -> dict[str, str]:
    return {value: str(label) for value, label in response.context["form"].fields[name].choices if value}


def _counted_labels(platform_user, name: str) -> dict[str, str]:
    """The counts the queue would show if it counted its cases (bounded_counts), for comparison."""
    offered = (
        [s for s in CaseStatus.values if s != CaseStatus.NEW] if name == "status" else HandlingMode.values
    )
    counted = bounded_counts(
        {value: case_list_for_platform(user=platform_user).filter(**{name: value}) for value in offered},
        1_000,
    )
    return {value: f"({counted[value]:,})" for value in offered}


def _shown_counts(response, name: str) -> dict[str, str]:
    return {value: label[label.rindex("(") :] for value, label in _labels(response, name).items()}


def test_the_queue_reads_its_counts_kept_by_the_database_as_cases_change(platform, platform_user, login):
    # given cases on the platform in several modes and statuses, and one not yet routed
    first = case_on(platform, listings=2)
    case_on(platform, mode=HandlingMode.ASSISTED, status=CaseStatus.AWAITING_OPINION)
    case_on(platform, mode=HandlingMode.ASSISTED, status=CaseStatus.AWAITING_PLATFORM)
    case_on(platform, status=CaseStatus.NEW, mode="")
    other = case_on(platform)
    client = login(platform_user)

    # when a listing of one is decided through the service, and another is changed by a set-based update
    listing_decide(
        case_id=first.pk,
        listing_ids=[first.listings.order_by("pk")[0].pk],
        actor=platform_user,
        action=DecisionAction.TAKE_DOWN,
        reason_code=ReasonCode.COUNTERFEIT,
        statement=statement_of(),
    )
    Case.objects.filter(pk=other.pk).update(status=CaseStatus.CLOSED)
    response = client.get(QUEUE)

    # then the total and every count beside a choice are those of the cases as they are now
    assert response.context["page_obj"].paginator.count == 4  # the unrouted case is not in the queue
    assert _shown_counts(response, "status") == _counted_labels(platform_user, "status")
    assert _shown_counts(response, "mode") == _counted_labels(platform_user, "mode")
    assert _labels(response, "status")[CaseStatus.CLOSED].endswith("(1)")

    # and when a mode is chosen, the status counts are those of that mode
    assisted = client.get(QUEUE, {"mode": HandlingMode.ASSISTED})
    assert assisted.context["page_obj"].paginator.count == 2
    assert _labels(assisted, "status")[CaseStatus.AWAITING_OPINION].endswith("(1)")
    assert _labels(assisted, "status")[CaseStatus.CLOSED].endswith("(0)")


def test_folding_and_rebuilding_the_counts_changes_nothing_the_lists_show(platform, platform_user, login):
    # given cases written one by one and changed, so the database holds a row per change
    cases = [case_on(platform) for _ in range(3)]
    Case.objects.filter(pk=cases[0].pk).update(status=CaseStatus.CLOSED)
    client = login(platform_user)
    before = _labels(client.get(QUEUE), "status")
    rows_before = CaseCount.objects.count()

    # when the changes are folded
    folded = case_counts_compact()

    # then one row per key is left and the queue says the same
    assert folded > 0
    assert CaseCount.objects.count() < rows_before
    keys = CaseCount.objects.values_list("scope", "scope_pk", "mode", "status")
    assert len(keys) == len(set(keys))
    assert _labels(client.get(QUEUE), "status") == before

    # and when they are rebuilt from the cases (after a load that bypassed the triggers), the same again
    CaseCount.objects.all().delete()
    assert _labels(client.get(QUEUE), "status")[CaseStatus.AWAITING_PLATFORM].endswith("(0)")
    call_command("rebuild_case_counts", stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    assert _labels(client.get(QUEUE), "status") == before
    assert case_counts_rebuild() == CaseCount.objects.count()


def test_a_deleted_case_leaves_the_counts(platform, platform_user, login):
    # given two cases awaiting the platform, one of which is deleted with its listings
    keep, gone = case_on(platform), case_on(platform)
    gone.listings.all().delete()
    Case.objects.filter(pk=gone.pk).delete()

    # then the queue counts one
    response = login(platform_user).get(QUEUE)
    assert _labels(response, "status")[CaseStatus.AWAITING_PLATFORM].endswith("(1)")
    assert [case.pk for case in response.context["cases"]] == [keep.pk]


def test_the_docket_and_the_rightsholders_list_read_their_own_counts(
    office, office_user, rightsholder_user, login
):
    # given cases of the rightsholder: two in the office (one handled by the platform), one elsewhere
    right = IPRightFactory(owner_org=rightsholder_user.organisation)

    def filed(**fields) -> Case:
        return CaseFactory(complaint=ComplaintFactory(right=right, status="submitted"), **fields)

    filed(office=office, mode=HandlingMode.ADMINISTRATIVE, status=CaseStatus.AWAITING_OFFICE_DECISION)
    moved = filed(office=office, mode=HandlingMode.PLATFORM, status=CaseStatus.AWAITING_PLATFORM)
    filed(mode=HandlingMode.PLATFORM, status=CaseStatus.AWAITING_PLATFORM)
    CaseFactory(office=office, mode=HandlingMode.ASSISTED, status=CaseStatus.AWAITING_OPINION)

    # when a case moves to the office's administrative handling
    Case.objects.filter(pk=moved.pk).update(mode=HandlingMode.ASSISTED, status=CaseStatus.AWAITING_OPINION)

    # then the docket (without platform-mode cases) and the rightsholder's list count what they show
    docket = login(office_user).get(reverse("enforcement:docket"))
    assert docket.context["page_obj"].paginator.count == 3
    assert _labels(docket, "mode")[HandlingMode.ASSISTED].endswith("(2)")
    assert _labels(docket, "mode")[HandlingMode.PLATFORM].endswith("(0)")
    mine = login(rightsholder_user).get(reverse("complaints:case_list"))
    assert mine.context["page_obj"].paginator.count == 3
    assert _labels(mine, "mode")[HandlingMode.PLATFORM].endswith("(1)")
    assert _labels(mine, "status")[CaseStatus.AWAITING_OPINION].endswith("(1)")
    home = login(rightsholder_user).get(reverse("complaints:home"))
    assert home.context["cases"].paginator.count == 3
