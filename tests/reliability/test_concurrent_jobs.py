"""The deadline job's effects under races, on real PostgreSQL connections: two runs of the job (two beat
workers, a retry) reaching the same case at the same instant apply a penalty once and restore once."""

from datetime import date, datetime, timedelta
from functools import partial

import pytest
from django.db import connection
from django.utils import timezone

from audit.models import AuditEntry
from cases.models import CaseStatus
from cases.services.deadlines import deadlines_run
from cases.services.notice_and_takedown import case_lift_measures
from cases.services.penalties import penalty_apply
from complaints.models import InfringementType, ListingStatus
from platforms.models import PenaltyPoints, PenaltyPolicy, PenaltyRecord
from tests.platforms.lifecycle import decided_case, window_open_case
from tests.reliability.concurrency import run_concurrently
from tests.unavailable import service_unavailable

pytestmark = pytest.mark.django_db(transaction=True)
ROUNDS = 5


@pytest.fixture(autouse=True)
def _postgresql_only() -> None:
    if connection.vendor != "postgresql":
        service_unavailable("row locks are what is tested: needs PostgreSQL")


def _after(deadline: date | None) -> datetime:
    assert deadline is not None, "the case has a deadline"
    return timezone.now() + timedelta(days=(deadline - timezone.localdate()).days + 1)


def test_two_jobs_lifting_the_same_window_restore_the_listings_once(platform, platform_user):
    for _ in range(ROUNDS):
        # given a case whose counter-notice window has expired
        case = window_open_case(platform, platform_user)
        later = _after(case.deadline)

        # when two runs lift its measures at the same instant
        outcomes = run_concurrently(
            partial(case_lift_measures, case_id=case.pk, now=later),
            partial(case_lift_measures, case_id=case.pk, now=later),
        )

        # then exactly one lifted them, the listings were restored once, and nothing failed
        assert outcomes.errors == []
        assert sorted(outcomes.results) == [False, True]
        case.refresh_from_db()
        assert case.status == CaseStatus.CLOSED
        assert set(case.listings.values_list("status", flat=True)) == {ListingStatus.RESTORED}
        assert AuditEntry.objects.filter(case_id=case.pk, action="measures_lifted").count() == 1


def test_two_jobs_penalising_the_same_case_apply_the_points_once(platform, platform_user):
    policy = PenaltyPolicy.objects.create(platform=platform, default_points=1)
    PenaltyPoints.objects.create(policy=policy, infringement_type=InfringementType.COUNTERFEIT, points=2)
    for _ in range(ROUNDS):
        # given an upheld case whose counter-notice period lapsed, closed by the job without penalising yet
        case = decided_case(platform, platform_user)
        PenaltyRecord.objects.filter(case=case).delete()
        deadlines_run(now=_after(case.deadline))
        PenaltyRecord.objects.filter(case=case).delete()

        # when two workers apply the penalty at the same instant
        outcomes = run_concurrently(
            partial(penalty_apply, case_id=case.pk), partial(penalty_apply, case_id=case.pk)
        )

        # then one record exists and the other call changed nothing
        assert outcomes.errors == []
        assert sum(result is not None for result in outcomes.results) == 1
        assert PenaltyRecord.objects.filter(case=case).count() == 1
