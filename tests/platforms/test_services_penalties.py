"""Penalty points: once per upheld case, never twice, thresholds change the store's standing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cases.models import CaseStatus
from cases.routing_rules import CaseFacts, rule_match
from cases.services.deadlines import deadlines_run
from cases.services.notice_and_takedown import follow_up_record
from cases.services.penalties import penalty_apply, store_points
from cases.services.routing import case_facts
from complaints.models import InfringementType
from platforms.models import PenaltyPoints, PenaltyPolicy, PenaltyRecord, StoreStanding
from tests.factories import CaseFactory
from tests.platforms.lifecycle import decided_case, window_open_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy(platform):
    policy = PenaltyPolicy.objects.create(
        platform=platform, default_points=1, warn_at=2, restrict_at=4, suspend_at=6
    )
    PenaltyPoints.objects.create(policy=policy, infringement_type=InfringementType.COUNTERFEIT, points=2)
    return policy


def _expire(case):
    return deadlines_run(now=timezone.now() + timedelta(days=(case.deadline - timezone.localdate()).days + 1))


def test_penalty_is_applied_once_however_often_the_job_runs(platform, platform_user, policy):
    # given an upheld case whose counter-notice period lapses without a counter-notice
    case = decided_case(platform, platform_user)

    # when the job runs three times after the deadline
    _expire(case)
    _expire(case)
    deadlines_run()

    # then the store has one penalty record for the case: 2 points for counterfeit, and is warned
    record = PenaltyRecord.objects.get()
    assert (record.case_id, record.points, record.total_after) == (case.pk, 2, 2)
    case.store.refresh_from_db()
    assert case.store.standing == StoreStanding.WARNED
    assert penalty_apply(case_id=case.pk) is None
    assert PenaltyRecord.objects.count() == 1


def test_the_unique_constraint_forbids_a_second_record(platform, platform_user, policy):
    from django.db import IntegrityError, transaction

    case = decided_case(platform, platform_user)
    _expire(case)

    with pytest.raises(IntegrityError), transaction.atomic():
        PenaltyRecord.objects.create(
            store=case.store,
            case=case,
            infringement_type="counterfeit",
            points=1,
            total_after=3,
            standing_after="warned",
        )


def test_thresholds_restrict_then_suspend(platform, platform_user, policy):
    store = None
    for _ in range(3):
        case = decided_case(platform, platform_user)
        if store is not None:
            case.store = store
            case.save(update_fields=["store"])
        store = case.store
        _expire(case)

    assert store is not None
    store.refresh_from_db()
    assert store_points(store_id=store.pk) == 6
    assert store.standing == StoreStanding.SUSPENDED


def test_restored_and_rejected_cases_carry_no_penalty(platform, platform_user, policy):
    restored = window_open_case(platform, platform_user)
    deadlines_run(now=timezone.now() + timedelta(days=60))
    decided_case(platform, platform_user, action="reject")

    assert not PenaltyRecord.objects.exists()
    restored.refresh_from_db()
    assert restored.status == CaseStatus.CLOSED


def test_a_follow_up_filed_applies_the_penalty(platform, platform_user, policy):
    case = window_open_case(platform, platform_user)

    follow_up_record(case_id=case.pk, actor=case.complaint.filed_by, reference="Court file 9")

    assert PenaltyRecord.objects.filter(case=case).count() == 1


def test_no_policy_no_points(platform, platform_user):
    case = decided_case(platform, platform_user)
    _expire(case)

    assert not PenaltyRecord.objects.exists()


def test_penalty_points_feed_the_routing_facts(platform, platform_user, policy):
    # given a store with points from an upheld case
    case = decided_case(platform, platform_user)
    _expire(case)
    new_case = CaseFactory(complaint__platform=platform, store=case.store)

    facts = case_facts(new_case)

    assert facts.store_penalty_points == 2
    from cases.models import RoutingRule

    rule = RoutingRule(position=1, name="Points", mode="administrative", min_penalty_points=2)
    assert rule_match(rule, facts)
    assert (
        rule_match(rule, CaseFacts("trademark", "counterfeit", False, 1, 0, False, store_penalty_points=1))
        is None
    )


def test_store_history_is_visible_to_its_platform_only(platform, platform_user, policy, login, office_user):
    case = decided_case(platform, platform_user)
    _expire(case)

    page = login(platform_user).get(f"/platform/stores/{case.store_id}/")

    assert page.status_code == 200
    assert 'id="penalties"' in page.content.decode() and str(case.pk) in page.content.decode()
    assert login(office_user).get(f"/platform/stores/{case.store_id}/").status_code == 404
