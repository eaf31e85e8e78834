from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from aggregates.figures import FIGURE_ACTIONS, Figure
from aggregates.models import DailyFigure, OverdueNow
from aggregates.selectors import Scope, figures_by, figures_total
from aggregates.services import case_event_count, overdue_now_refresh, statistics_rebuild
from audit.actors import SYSTEM
from audit.services import audit_record
from cases.actions import CaseAction
from cases.models import Case, CaseOutcome, CaseStatus, HandlingMode
from cases.services.deadlines import deadlines_run
from complaints.models import RightType
from platforms.models import DecisionAction
from tests.aggregates.lifecycle import counter_notice, decide, routed_complaint
from tests.factories import OfficeFactory, PlatformFactory, UserFactory

pytestmark = pytest.mark.django_db


def _today_scope() -> Scope:
    today = timezone.localdate()
    return Scope(start=today, end=today)


def _rows() -> Counter:
    return Counter(
        {
            (r.day, r.platform_pk, r.office_pk, r.right_type, r.mode, r.figure, r.bucket): r.n
            for r in DailyFigure.objects.all()
        }
    )


def _lifecycle():
    platform = PlatformFactory()
    staff = UserFactory(organisation=platform.organisation)
    first, second = routed_complaint(platform, stores=2, listings_per_store=2)
    (third,) = routed_complaint(platform)
    decide(first, staff, DecisionAction.TAKE_DOWN)
    decide(second, staff, DecisionAction.REJECT)
    counter_notice(first)
    return platform, (first, second, third)


def test_lifecycle_events_count_notices_cases_decisions_and_counter_notices(db):
    platform, _cases = _lifecycle()

    total = figures_total(_today_scope())

    assert total.count(Figure.NOTICES) == 2  # two complaints
    assert total.count(Figure.CASES) == 3  # split into three stores' cases
    assert total.count(Figure.LISTINGS) == 5
    assert total.count(Figure.DECIDED) == 2
    assert total.count(Figure.MEASURES) == 1
    assert total.count(Figure.REJECTIONS) == 1
    assert total.count(Figure.DECIDED_IN_TIME) == 2
    assert total.count(Figure.COUNTER_NOTICES) == 1
    # Decided seconds after routing: both in the first bucket (within an hour).
    assert total.buckets[Figure.DECIDE_HOURS][0] == 2
    derived = total.derived()
    assert derived["decide_hours_median"] == 1
    assert derived["takedown_rate"] == 0.5
    assert derived["counter_notice_rate"] == 1.0
    by_mode = figures_by(_today_scope(), "mode")
    assert set(by_mode) == {HandlingMode.PLATFORM}


def test_rebuild_from_the_audit_trail_gives_the_figures_the_events_gave(db):
    _lifecycle()
    incremental = _rows()
    assert incremental

    DailyFigure.objects.all().delete()
    call_command("rebuild_statistics", verbosity=0)

    assert _rows() == incremental


def test_rebuild_gives_the_live_figures_for_every_kind_of_event_late_or_not(db):
    """Every figure action on cases of two right types, with and without an office, an acceptance time and
    an overdue mark before the step, each counted live by the receiver's service as it is recorded."""
    platform, office = PlatformFactory(), OfficeFactory()
    cases = [
        *routed_complaint(platform, stores=2, listings_per_store=3),
        *routed_complaint(platform, right_type=RightType.INVENTION_PATENT),
    ]
    now = timezone.now()
    Case.objects.filter(pk=cases[0].pk).update(
        outcome=CaseOutcome.UPHELD, routed_at=now - timedelta(hours=30)
    )
    Case.objects.filter(pk=cases[1].pk).update(
        office=office, outcome=CaseOutcome.NOT_UPHELD, accepted_at=now - timedelta(hours=5)
    )
    Case.objects.filter(pk=cases[2].pk).update(office=office, routed_at=now - timedelta(days=40))
    # Routed again under the facts just set, which are the keys the rebuild counts under.
    DailyFigure.objects.all().delete()
    cases = list(Case.objects.filter(pk__in=[c.pk for c in cases]).order_by("pk"))
    for case in cases:
        case_event_count(case=case, action=CaseAction.ROUTED)
    for i, case in enumerate(cases):
        for j, action in enumerate(sorted(FIGURE_ACTIONS - {CaseAction.ROUTED})):
            if (i + j) % 2:
                audit_record(actor=SYSTEM, subject=case, action=CaseAction.MARKED_OVERDUE, case_id=case.pk)
            audit_record(actor=SYSTEM, subject=case, action=action, to_status=case.status, case_id=case.pk)
            case_event_count(case=case, action=action)
    live = _rows()
    assert {Figure.DECIDE_HOURS, Figure.ADMIN_DECISION_HOURS, Figure.OPINIONS_IN_TIME} <= {k[5] for k in live}
    assert len({k[6] for k in live}) >= 3  # durations in several buckets

    assert statistics_rebuild() == len(live)

    assert _rows() == live


def test_a_rolled_back_action_counts_nothing(db):
    platform = PlatformFactory()
    staff = UserFactory(organisation=platform.organisation)
    (case,) = routed_complaint(platform)
    before = _rows()

    with pytest.raises(RuntimeError), transaction.atomic():
        decide(case, staff, DecisionAction.TAKE_DOWN)
        raise RuntimeError

    assert _rows() == before
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_PLATFORM


def test_a_step_after_an_overdue_mark_is_not_within_the_deadline(db):
    platform = PlatformFactory()
    staff = UserFactory(organisation=platform.organisation)
    (case,) = routed_complaint(platform)
    Case.objects.filter(pk=case.pk).update(deadline=timezone.localdate() - timedelta(days=1))
    deadlines_run(now=timezone.now())

    decide(case, staff, DecisionAction.TAKE_DOWN)

    total = figures_total(_today_scope())
    assert total.count(Figure.DECIDED) == 1
    assert total.count(Figure.DECIDED_IN_TIME) == 0


def test_a_database_with_history_and_no_figures_gets_them_after_migrate():
    _lifecycle()
    expected = _rows()
    DailyFigure.objects.all().delete()

    call_command("migrate", "aggregates", verbosity=0)  # post_migrate: replayed from the audit trail

    assert _rows() == expected


def test_overdue_now_counts_the_open_cases_past_their_deadline_per_platform():
    platform = PlatformFactory()
    late, on_time = routed_complaint(platform, stores=2)
    Case.objects.filter(pk=late.pk).update(deadline=timezone.localdate() - timedelta(days=1))

    overdue_now_refresh()

    assert list(OverdueNow.objects.values_list("platform_pk", "n")) == [(platform.pk, 1)]


def test_settled_days_are_summed_once_and_summed_again_after_a_rebuild(
    db, django_assert_num_queries, django_capture_on_commit_callbacks
):
    platform = PlatformFactory()
    routed_complaint(platform)
    today = timezone.localdate()
    # A settled day's figure, as a rebuild or that day's events left it.
    DailyFigure.objects.create(
        day=today - timedelta(days=10), platform_pk=platform.pk, figure=Figure.CASES, n=7
    )
    scope = Scope(start=today - timedelta(days=29), end=today)

    with django_assert_num_queries(2):  # the settled days, then yesterday and today
        assert figures_total(scope).count(Figure.CASES) == 8
    with django_assert_num_queries(1):  # the settled days' sums come from the cache
        assert figures_total(scope).count(Figure.CASES) == 8
    for queries in (2, 1):  # grouped otherwise: summed once too
        with django_assert_num_queries(queries):
            assert figures_by(scope, "platform_pk")[platform.pk].count(Figure.CASES) == 8
    routed_complaint(platform)
    with django_assert_num_queries(1):  # today's events count at once
        assert figures_total(scope).count(Figure.CASES) == 9

    with django_capture_on_commit_callbacks(execute=True):
        statistics_rebuild()  # the trail has no case routed ten days ago

    with django_assert_num_queries(2):
        assert figures_total(scope).count(Figure.CASES) == 2
