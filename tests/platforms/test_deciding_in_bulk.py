"""Deciding many listings of one case, or many cases, is one service call of a fixed number of queries
(its time is printed by the benchmark, bench/phases.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.models import AuditEntry
from cases.models import Case, ListingDecision
from cases.services.decisions import listing_decide
from complaints.models import Listing, ListingStatus
from platforms.models import DecisionAction, ReasonCode
from tests.decisions import statement_of
from tests.platforms.helpers import case_on

pytestmark = pytest.mark.django_db


def case_with(platform, count: int) -> Case:
    """A case on the platform with `count` pending listings (inserted in bulk)."""
    case = case_on(platform, listings=1)
    Listing.objects.bulk_create(
        Listing(
            complaint=case.complaint,
            url=f"https://shop.example.test/item/{n}",
            store_ref=case.store.external_id,
            store=case.store,
            case=case,
        )
        for n in range(count - 1)
    )
    return case


def decide_all_but_one(case: Case, actor) -> int:
    """Take down every listing of the case but its last one; returns the queries it took."""
    listing_ids = list(case.listings.order_by("pk").values_list("pk", flat=True))[:-1]
    with CaptureQueriesContext(connection) as queries:
        listing_decide(
            case_id=case.pk,
            listing_ids=listing_ids,
            actor=actor,
            action=DecisionAction.TAKE_DOWN,
            reason_code=ReasonCode.COUNTERFEIT,
            statement=statement_of(),
        )
    return len(queries)


def test_deciding_a_thousand_listings_costs_what_deciding_ten_does(platform, platform_user):
    small, large = case_with(platform, 11), case_with(platform, 1001)

    small_queries = decide_all_but_one(small, platform_user)
    large_queries = decide_all_but_one(large, platform_user)

    assert large_queries == small_queries
    decided = large.listings.exclude(status=ListingStatus.PENDING)
    assert decided.count() == 1000
    assert set(decided.values_list("status", flat=True)) == {ListingStatus.TAKEN_DOWN}
    assert ListingDecision.objects.filter(case=large).count() == 1000
    entries = AuditEntry.objects.filter(case_id=large.pk, action="listing_take_down")
    assert entries.count() == 1000
    assert set(entries.values_list("subject_id", flat=True)) == set(decided.values_list("pk", flat=True))
    assert {(e.actor_id, e.from_status, e.to_status) for e in entries} == {
        (platform_user.pk, ListingStatus.PENDING, ListingStatus.TAKEN_DOWN)
    }
    # One listing is still pending: the case waits for it.
    assert large.listings.filter(status=ListingStatus.PENDING).count() == 1
