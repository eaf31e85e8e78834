"""Two platform staff deciding the same case at the same moment, on real PostgreSQL connections.

Exactly one decision is recorded; the other person gets a ValidationError with code "conflict" (the
page shows its message). New actions that must not happen twice (penalties, restorations) get a test
here built the same way with `run_concurrently`.
"""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from audit.models import AuditEntry
from cases.models import CaseOutcome, CaseStatus, ListingDecision
from cases.services.decisions import listing_decide, reason_choices_for
from complaints.models import ListingStatus
from platforms.models import DecisionAction
from tests.decisions import statement_of
from tests.factories import UserFactory
from tests.platforms.helpers import case_on
from tests.reliability.concurrency import run_concurrently
from tests.unavailable import service_unavailable

pytestmark = pytest.mark.django_db(transaction=True)
ROUNDS = 10


@pytest.fixture(autouse=True)
def _postgresql_only() -> None:
    if connection.vendor != "postgresql":
        service_unavailable("row locks are what is tested: needs PostgreSQL")


def decide(case_id: int, listing_ids: list[int], user, action: str = DecisionAction.TAKE_DOWN):
    return lambda: listing_decide(
        case_id=case_id,
        listing_ids=listing_ids,
        actor=user,
        action=action,
        reason_code=reason_choices_for(None, action)[0][0],
        statement=statement_of(),
    )


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_two_staff_deciding_the_same_case_at_once_make_one_decision_and_one_conflict(platform, round_):
    case = case_on(platform)
    listing = case.listings.get()
    alice, bob = (
        UserFactory(organisation=platform.organisation),
        UserFactory(organisation=platform.organisation),
    )

    outcomes = run_concurrently(
        decide(case.pk, [listing.pk], alice, DecisionAction.TAKE_DOWN),
        decide(case.pk, [listing.pk], bob, DecisionAction.REJECT),
    )

    assert outcomes.succeeded == 1, outcomes.errors
    assert outcomes.error_codes == ["conflict"]
    refusal = outcomes.errors[0]
    assert isinstance(refusal, ValidationError)
    assert "someone else" in refusal.messages[0]
    assert ListingDecision.objects.filter(listing=listing).count() == 1
    case.refresh_from_db()
    assert case.decided_at is not None
    assert AuditEntry.objects.filter(case_id=case.pk, action="case_decided").count() == 1
    assert AuditEntry.objects.filter(subject_type="listing", subject_id=listing.pk).count() == 1


def test_the_same_listing_of_a_case_with_others_pending_is_decided_once(platform):
    case = case_on(platform, listings=3)
    first, *_ = case.listings.order_by("pk")
    alice, bob = (
        UserFactory(organisation=platform.organisation),
        UserFactory(organisation=platform.organisation),
    )

    outcomes = run_concurrently(decide(case.pk, [first.pk], alice), decide(case.pk, [first.pk], bob))

    assert outcomes.succeeded == 1 and outcomes.error_codes == ["conflict"]
    assert ListingDecision.objects.filter(listing=first).count() == 1
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_PLATFORM


def test_different_listings_decided_at_once_both_count_and_the_case_closes_once(platform):
    case = case_on(platform, listings=2)
    first, second = case.listings.order_by("pk")
    alice, bob = (
        UserFactory(organisation=platform.organisation),
        UserFactory(organisation=platform.organisation),
    )

    outcomes = run_concurrently(
        decide(case.pk, [first.pk], alice, DecisionAction.REJECT),
        decide(case.pk, [second.pk], bob, DecisionAction.TAKE_DOWN),
    )

    assert outcomes.succeeded == 2, outcomes.errors
    assert ListingDecision.objects.filter(case=case).count() == 2
    case.refresh_from_db()
    assert case.decided_at is not None and case.outcome == CaseOutcome.UPHELD
    assert set(case.listings.values_list("status", flat=True)) == {
        ListingStatus.REJECTED,
        ListingStatus.TAKEN_DOWN,
    }
    assert AuditEntry.objects.filter(case_id=case.pk, action="case_decided").count() == 1
