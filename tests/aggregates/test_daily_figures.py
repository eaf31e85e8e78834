from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from aggregates.figures import Figure
from aggregates.models import DailyFigure, OverdueNow
from aggregates.selectors import Scope, figures_by, figures_total
from aggregates.services import overdue_now_refresh
from cases.models import Case, CaseStatus, HandlingMode
from cases.services.deadlines import deadlines_run
from platforms.models import DecisionAction
from tests.aggregates.lifecycle import counter_notice, decide, routed_complaint
from tests.factories import PlatformFactory, UserFactory

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
