"""Deciding many listings of one case, or many cases, is one service call of a fixed number of queries
(its time is printed by the benchmark, bench/phases.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Notification
from aggregates.models import DailyFigure
from audit.chain import chain_verify
from audit.models import AuditEntry
from cases.actions import CaseAction
from cases.models import Case, CaseClosure, CaseOutcome, CaseStatus, ListingDecision
from cases.services.decisions import cases_decide_bulk, listing_decide
from complaints.models import Listing, ListingStatus
from platforms.models import DecisionAction, ReasonCode
from tests.decisions import statement_of
from tests.factories import CaseFactory
from tests.platforms.helpers import case_on
from webhooks.models import CaseEvent, WebhookDelivery, WebhookEndpoint

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


def decide_cases(cases: list[Case], actor, action: str = DecisionAction.TAKE_DOWN) -> tuple[int, dict]:
    """Decide the cases in bulk; returns (queries, refusals)."""
    with CaptureQueriesContext(connection) as queries:
        refused = cases_decide_bulk(
            case_ids=[case.pk for case in cases],
            actor=actor,
            action=action,
            reason_code=ReasonCode.COUNTERFEIT
            if action == DecisionAction.TAKE_DOWN
            else ReasonCode.INSUFFICIENT_EVIDENCE,
            statement=statement_of(),
        )
    return len(queries), refused


def test_deciding_sixty_cases_costs_what_deciding_three_does(platform, platform_user):
    # given a platform with a webhook endpoint, and cases of two listings each awaiting its decision
    WebhookEndpoint.objects.create(platform=platform, url="https://hooks.example.test/iprgov")
    few = [case_on(platform, listings=2) for _ in range(3)]
    many = [case_on(platform, listings=2) for _ in range(60)]

    # when three, then sixty, are decided at once
    few_queries, few_refused = decide_cases(few, platform_user)
    many_queries, many_refused = decide_cases(many, platform_user)

    # then both cost the same queries, and every case moved as deciding it alone moves it
    assert many_queries == few_queries
    assert few_refused == many_refused == {}
    ids = [case.pk for case in many]
    decided = Case.objects.filter(pk__in=ids)
    assert {(c.status, c.outcome) for c in decided} == {(CaseStatus.NOTICE_FORWARDED, CaseOutcome.UPHELD)}
    assert all(c.deadline and c.notice_forwarded_at and c.decided_at for c in decided)
    assert ListingDecision.objects.filter(case__in=ids).count() == 120
    steps = AuditEntry.objects.filter(subject_type="case", subject_id__in=ids).order_by("pk")
    assert {(e.subject_id, e.action, e.from_status, e.to_status) for e in steps} == {
        (pk, action, before, after)
        for pk in ids
        for action, before, after in [
            (CaseAction.DECIDED, CaseStatus.AWAITING_PLATFORM, CaseStatus.DECIDED),
            (CaseAction.NOTICE_FORWARDED, CaseStatus.DECIDED, CaseStatus.NOTICE_FORWARDED),
        ]
    }
    assert AuditEntry.objects.filter(case_id__in=ids, action="listing_take_down").count() == 120
    events = CaseEvent.objects.filter(case_id__in=ids)
    assert sorted(events.values_list("event_type", flat=True)) == sorted(
        ["case.case_decided", "case.notice_forwarded"] * 60
    )
    assert {e.payload["data"]["case"]["listing_count"] for e in events} == {2}
    assert WebhookDelivery.objects.filter(case_id__in=ids).count() == 120
    # The complainant of each case is told its notice went to the respondent.
    told = Notification.objects.filter(case_id__in=ids).values_list("case_id", "organisation_id")
    assert {(c.pk, c.complaint.filed_by_org_id) for c in many} <= set(told)
    assert DailyFigure.objects.exists()
    assert chain_verify().broken is None


def test_a_refused_case_is_named_and_the_others_are_decided(platform, platform_user):
    # given two cases awaiting the decision, one already closed and one on another platform
    ready = [case_on(platform, listings=1) for _ in range(2)]
    closed = case_on(platform, status=CaseStatus.CLOSED)
    elsewhere = CaseFactory(status=CaseStatus.AWAITING_PLATFORM)

    # when all four are rejected at once
    _, refused = decide_cases([*ready, closed, elsewhere], platform_user, DecisionAction.REJECT)

    # then the two that may be decided are closed as rejected, and the others are named with the reason
    assert set(refused) == {closed.pk, elsewhere.pk}
    assert "Closed" in refused[closed.pk]
    assert refused[elsewhere.pk] == "Not a case on your platform."
    for case in ready:
        case.refresh_from_db()
        assert (case.status, case.outcome, case.closure) == (
            CaseStatus.CLOSED,
            CaseOutcome.NOT_UPHELD,
            CaseClosure.REJECTED,
        )
    closed.refresh_from_db()
    assert closed.status == CaseStatus.CLOSED and not closed.listing_decisions.exists()
    assert Case.objects.get(pk=elsewhere.pk).status == CaseStatus.AWAITING_PLATFORM
