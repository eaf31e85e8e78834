"""The deadline job's penalty step reads only the cases marked penalty due, however many closed before."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import Case, CaseClosure, CaseOutcome, CaseStatus, HandlingMode
from cases.services.deadlines import deadlines_run
from platforms.models import PenaltyPolicy, PenaltyRecord, Store
from tests.platforms.helpers import case_on

pytestmark = pytest.mark.django_db


def closed_upheld(template: Case, count: int) -> None:
    """`count` more upheld cases closed with the measures standing, as years of history leave them: each
    on a store of its own, with its penalty long applied or never due (no marker)."""
    first = Store.objects.filter(platform=template.platform).count()
    stores = Store.objects.bulk_create(
        Store(platform=template.platform, external_id=f"history-{n}", name=f"History {n}")
        for n in range(first, first + count)
    )
    Case.objects.bulk_create(
        Case(
            complaint=template.complaint,
            complainant_org=template.complainant_org,
            platform=template.platform,
            store=store,
            status=CaseStatus.CLOSED,
            mode=HandlingMode.PLATFORM,
            outcome=CaseOutcome.UPHELD,
            closure=CaseClosure.NO_COUNTER_NOTICE,
            deadline=None,
        )
        for store in stores
    )


def job_queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        counts = deadlines_run(mode=HandlingMode.PLATFORM)
    assert counts["penalties_applied"] == 0
    return len(queries)


def test_the_penalty_step_costs_the_same_with_three_or_three_hundred_closed_cases(platform):
    # given a platform with an active policy and three upheld cases closed long ago (beside a template)
    PenaltyPolicy.objects.create(platform=platform, default_points=1, warn_at=2, restrict_at=4, suspend_at=6)
    template = case_on(platform, status=CaseStatus.CLOSED)
    closed_upheld(template, 3)
    few = job_queries()

    # when 297 more are closed
    closed_upheld(template, 297)

    # then the deadline job costs the same queries, and gives none of them points again
    assert Case.objects.filter(status=CaseStatus.CLOSED, outcome=CaseOutcome.UPHELD).count() == 300
    assert job_queries() == few
    assert not PenaltyRecord.objects.exists()


def test_a_case_marked_penalty_due_gets_its_points_from_the_job_once(platform):
    # given an upheld case closed with the measures standing whose penalty was not applied at closure
    PenaltyPolicy.objects.create(platform=platform, default_points=3, warn_at=2, restrict_at=4, suspend_at=6)
    case = case_on(platform, status=CaseStatus.CLOSED)
    Case.objects.filter(pk=case.pk).update(
        outcome=CaseOutcome.UPHELD, closure=CaseClosure.NO_COUNTER_NOTICE, penalty_due=True
    )

    # when the deadline job runs twice
    first = deadlines_run(mode=HandlingMode.PLATFORM)
    second = deadlines_run(mode=HandlingMode.PLATFORM)

    # then the store has its points once and the case is no longer a candidate
    assert (first["penalties_applied"], second["penalties_applied"]) == (1, 0)
    assert PenaltyRecord.objects.get().case_id == case.pk
    assert not Case.objects.get(pk=case.pk).penalty_due


def test_a_case_closed_without_an_active_policy_is_not_penalised_later(platform):
    # given an upheld case whose marker was set while its platform had no active policy
    policy = PenaltyPolicy.objects.create(
        platform=platform, default_points=3, warn_at=2, restrict_at=4, suspend_at=6, is_active=False
    )
    case = case_on(platform, status=CaseStatus.CLOSED)
    Case.objects.filter(pk=case.pk).update(
        outcome=CaseOutcome.UPHELD, closure=CaseClosure.NO_COUNTER_NOTICE, penalty_due=True
    )
    deadlines_run(mode=HandlingMode.PLATFORM)

    # when the policy is switched on and the job runs again
    PenaltyPolicy.objects.filter(pk=policy.pk).update(is_active=True)
    deadlines_run(mode=HandlingMode.PLATFORM)

    # then no points: a policy counts the cases whose measures became final while it was active
    assert not PenaltyRecord.objects.exists()
    assert not Case.objects.get(pk=case.pk).penalty_due
