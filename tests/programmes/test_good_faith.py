from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Notification, OrgKind
from audit.models import AuditEntry
from cases.case_lists import CaseListQuery
from cases.models import Case, CaseStatus
from cases.selectors import case_list_for_platform
from cases.services.routing import case_route
from programmes.good_faith import good_faith_evaluate, good_faith_figures, policy_for
from programmes.models import GoodFaithMembership, GoodFaithStanding
from tests.factories import CaseFactory, IPRightFactory, OrganisationFactory, UserFactory
from tests.programmes.good_faith_cases import decided_case, open_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def filer():
    return OrganisationFactory(kind=OrgKind.RIGHTSHOLDER)


def test_a_filer_at_the_thresholds_joins_is_told_and_audited_and_its_open_cases_get_priority(filer, platform):
    # given 19 of 20 listings upheld (95%), none undone: at the defaults' thresholds
    decided_case(filer=filer, platform=platform, upheld=19, rejected=1)
    waiting = open_case(filer=filer, platform=platform)

    # when
    joined, left = good_faith_evaluate(platform_id=platform.pk)

    # then
    assert (joined, left) == (1, 0)
    stay = GoodFaithMembership.objects.get(organisation=filer, platform=platform, left_at=None)
    assert stay.entry_figures == {"decided": 20, "upheld": 19, "undone": 0}
    entry = AuditEntry.objects.get(action="good_faith_entered", subject_id=stay.pk)
    assert "20 listings decided, 95.0% upheld" in entry.note
    assert Notification.objects.filter(organisation=filer, subject__contains="good-faith programme").exists()
    waiting.refresh_from_db()
    assert waiting.priority is True


def test_too_few_listings_or_too_many_undone_keeps_a_filer_out(filer, platform):
    # given one filer with 19 listings all upheld, another with 20 upheld of which 2 undone (10%)
    decided_case(filer=filer, platform=platform, upheld=19)
    other = OrganisationFactory(kind=OrgKind.RIGHTSHOLDER)
    decided_case(filer=other, platform=platform, upheld=18, restored=2)

    # when
    good_faith_evaluate(platform_id=platform.pk)

    # then
    assert not GoodFaithMembership.objects.exists()
    assert GoodFaithStanding.objects.get(organisation=other, platform=platform).undone == 2


def test_a_member_that_falls_below_leaves_and_is_told_why_with_its_figures(filer, platform):
    # given a member
    decided_case(filer=filer, platform=platform, upheld=20)
    good_faith_evaluate(platform_id=platform.pk)
    waiting = open_case(filer=filer, platform=platform)
    assert Case.objects.get(pk=waiting.pk).priority is False  # opened after the entry, before routing
    Case.objects.filter(pk=waiting.pk).update(priority=True)

    # when later notices are rejected: 20 upheld of 30 (66.7%)
    decided_case(filer=filer, platform=platform, rejected=10)
    joined, left = good_faith_evaluate(platform_id=platform.pk)

    # then
    assert (joined, left) == (0, 1)
    stay = GoodFaithMembership.objects.get(organisation=filer, platform=platform)
    assert stay.left_at is not None
    assert stay.exit_figures == {"decided": 30, "upheld": 20, "undone": 0}
    entry = AuditEntry.objects.get(action="good_faith_left", subject_id=stay.pk)
    assert "66.7% of listings upheld, below the 90.0% required" in entry.note
    told = Notification.objects.filter(organisation=filer).order_by("-pk").first()
    assert told is not None and "left" in told.subject and "66.7%" in told.body
    assert Case.objects.get(pk=waiting.pk).priority is False


def test_a_filer_that_left_joins_again_only_after_the_waiting_period(filer, platform):
    # given a filer that left 10 days ago and qualifies again, on a platform waiting 30 days
    policy = policy_for(platform_id=platform.pk)
    decided_case(filer=filer, platform=platform, upheld=25)
    GoodFaithMembership.objects.create(
        organisation=filer,
        platform=platform,
        joined_at=timezone.now() - timedelta(days=60),
        entry_figures={},
        left_at=timezone.now() - timedelta(days=10),
        exit_figures={},
    )

    # when / then: still waiting
    assert good_faith_evaluate(platform_id=platform.pk) == (0, 0)

    # when the platform's waiting period is shorter than the time since it left / then it joins
    policy.waiting_days = 7
    policy.save()
    assert good_faith_evaluate(platform_id=platform.pk) == (1, 0)
    assert GoodFaithMembership.objects.filter(organisation=filer, left_at=None).count() == 1


def test_only_cases_decided_within_the_platforms_window_count(filer, platform):
    # given 20 upheld listings decided 100 days ago and 5 rejected yesterday
    decided_case(filer=filer, platform=platform, upheld=20, days_ago=100)
    decided_case(filer=filer, platform=platform, rejected=5)

    # when / then: the default window (91 days) sees only yesterday's
    figures = good_faith_figures(platform_id=platform.pk, since=timezone.now() - timedelta(days=91))
    assert (figures[filer.pk].decided, figures[filer.pk].upheld) == (5, 0)

    # a platform with a 120-day window sees both
    policy = policy_for(platform_id=platform.pk)
    policy.window_days = 120
    policy.save()
    good_faith_evaluate(platform_id=platform.pk)
    standing = GoodFaithStanding.objects.get(organisation=filer, platform=platform)
    assert (standing.decided, standing.upheld) == (25, 20)


def test_figures_are_one_grouped_query_per_platform_whatever_the_number_of_filers(
    platform, django_assert_num_queries
):
    for _ in range(4):
        decided_case(filer=OrganisationFactory(kind=OrgKind.RIGHTSHOLDER), platform=platform, upheld=2)

    with django_assert_num_queries(1):
        figures = good_faith_figures(platform_id=platform.pk, since=timezone.now() - timedelta(days=91))

    assert len(figures) == 4


def test_evaluating_twice_changes_nothing_the_second_time(filer, platform):
    decided_case(filer=filer, platform=platform, upheld=20)

    assert good_faith_evaluate(platform_id=platform.pk) == (1, 0)
    assert good_faith_evaluate(platform_id=platform.pk) == (0, 0)
    assert AuditEntry.objects.filter(action="good_faith_entered").count() == 1


def test_a_routed_case_of_a_member_carries_the_flag_and_comes_first_within_its_deadline(
    filer, platform, default_routing_rules
):
    # given a member, and another filer's case with the same deadline created earlier
    decided_case(filer=filer, platform=platform, upheld=20)
    good_faith_evaluate(platform_id=platform.pk)
    others = open_case(filer=OrganisationFactory(kind=OrgKind.RIGHTSHOLDER), platform=platform)
    later_deadline = open_case(filer=filer, platform=platform, deadline_in_days=30)
    Case.objects.filter(pk=later_deadline.pk).update(priority=True)

    # when the member's new case is routed
    new = CaseFactory(complaint__right=IPRightFactory(owner_org=filer), complaint__platform=platform)
    routed = case_route(case_id=new.pk)
    Case.objects.filter(pk__in=[others.pk, routed.pk]).update(
        deadline=timezone.localdate() + timedelta(days=3)
    )

    # then it carries the flag and leads the queue among cases of its deadline, not before sooner deadlines
    assert Case.objects.get(pk=routed.pk).priority is True
    assert routed.status != CaseStatus.NEW
    queue = case_list_for_platform(
        user=UserFactory(organisation=platform.organisation), query=CaseListQuery()
    )
    ids = [case.pk for case in queue if case.pk in {others.pk, routed.pk, later_deadline.pk}]
    assert ids == [routed.pk, others.pk, later_deadline.pk]
