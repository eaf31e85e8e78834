"""Splitting and routing at scale: the split is set-based, routing is fanned out in chunks, and the
periodic jobs read only candidate rows (through partial indexes) however many cases were closed before."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Notification
from audit.models import AuditEntry
from cases import tasks
from cases.models import Case, CaseStatus, RoutingRecord
from cases.services.deadlines import deadlines_run
from cases.services.routing import (
    complaint_cases_route,
    complaint_split_into_cases,
    complaints_needing_routing,
)
from complaints.models import Complaint, ComplaintStatus, Listing
from tests.factories import CaseFactory, ComplaintFactory
from webhooks.models import CaseEvent

pytestmark = pytest.mark.django_db


def submitted_complaint(*, stores: int, listings_per_store: int) -> Complaint:
    complaint = ComplaintFactory(status=ComplaintStatus.SUBMITTED, submitted_at=timezone.now(), evidence=1)
    Listing.objects.bulk_create(
        Listing(complaint=complaint, url=f"https://shop.example.test/{store}/{n}", store_ref=f"store-{store}")
        for store in range(stores)
        for n in range(listings_per_store)
    )
    return complaint


def split_counting_queries(complaint: Complaint) -> int:
    with CaptureQueriesContext(connection) as queries:
        complaint_split_into_cases(complaint_id=complaint.pk)
    return len(queries)


def test_the_split_costs_the_same_statements_for_ten_or_a_thousand_listings_a_store():
    small = submitted_complaint(stores=3, listings_per_store=10)
    large = submitted_complaint(stores=3, listings_per_store=1000)

    small_queries, large_queries = split_counting_queries(small), split_counting_queries(large)

    assert small_queries == large_queries
    for complaint, per_store in ((small, 10), (large, 1000)):
        cases = Case.objects.filter(complaint=complaint)
        assert cases.count() == 3
        for case in cases:
            # Each listing is in the case of its own store, and knows that store.
            assert list(case.listings.order_by().values_list("store_ref", "store_id").distinct()) == [
                (case.store.external_id, case.store_id)
            ]
            assert case.listings.count() == per_store
        assert not complaint.listings.filter(case__isnull=True).exists()


def routing_counting_queries(complaint: Complaint) -> int:
    case_ids = complaint_split_into_cases(complaint_id=complaint.pk)
    with CaptureQueriesContext(connection) as queries:
        complaint_cases_route(complaint_id=complaint.pk, case_ids=case_ids)
    return len(queries)


def test_routing_a_chunk_costs_the_same_statements_for_two_or_twenty_cases():
    small = submitted_complaint(stores=2, listings_per_store=3)
    large = submitted_complaint(stores=20, listings_per_store=3)

    small_queries, large_queries = split_counting_queries(small), split_counting_queries(large)
    assert small_queries == large_queries
    small_queries, large_queries = routing_counting_queries(small), routing_counting_queries(large)
    assert small_queries == large_queries

    for complaint, stores in ((small, 2), (large, 20)):
        cases = Case.objects.filter(complaint=complaint)
        assert not cases.filter(status=CaseStatus.NEW).exists()
        assert cases.exclude(routing_rule=None).exclude(deadline=None).count() == stores
        case_ids = list(cases.values_list("pk", flat=True))
        # Every case opened and routed once, in the audit trail, the feed, the records and the inboxes
        # of the complainant and the platform.
        for action in ("case_opened", "routed"):
            entries = AuditEntry.objects.filter(subject_type="case", subject_id__in=case_ids, action=action)
            assert sorted(entries.values_list("subject_id", flat=True)) == sorted(case_ids)
        assert CaseEvent.objects.filter(case_id__in=case_ids, event_type="case.routed").count() == stores
        listing_counts = CaseEvent.objects.filter(case_id__in=case_ids, event_type="case.routed").values_list(
            "payload__data__case__listing_count", flat=True
        )
        assert set(listing_counts) == {3}
        assert RoutingRecord.objects.filter(case_id__in=case_ids, kind="routed").count() == stores
        told = Notification.objects.filter(case_id__in=case_ids).values_list("organisation_id", flat=True)
        assert sorted(told) == sorted(
            [complaint.filed_by_org_id, complaint.platform.organisation_id] * stores
        )
        receipts = Notification.objects.filter(subject__startswith="Acknowledgement of receipt", case_id=None)
        assert receipts.filter(organisation=complaint.filed_by_org).count() == 1


def test_a_complaint_of_many_stores_is_routed_in_chunks_and_acknowledged_once(settings, monkeypatch):
    settings.IPRGOV_ROUTING_CHUNK_CASES = 2
    complaint = submitted_complaint(stores=5, listings_per_store=2)
    chunks: list[list[int]] = []
    route = tasks.complaint_cases_route

    def recording(*, complaint_id: int, case_ids: list[int]) -> None:
        chunks.append(case_ids)
        route(complaint_id=complaint_id, case_ids=case_ids)

    monkeypatch.setattr(tasks, "complaint_cases_route", recording)

    tasks.route_complaint.delay(complaint.pk)

    case_ids = list(Case.objects.filter(complaint=complaint).order_by("pk").values_list("pk", flat=True))
    assert chunks == [case_ids[0:2], case_ids[2:4], case_ids[4:5]]
    assert not Case.objects.filter(complaint=complaint, status=CaseStatus.NEW).exists()
    complaint.refresh_from_db()
    assert complaint.acknowledged_at is not None
    receipts = Notification.objects.filter(subject__startswith="Acknowledgement of receipt", case_id=None)
    assert receipts.filter(organisation=complaint.filed_by_org).count() == 1


def test_a_complaint_of_one_chunk_is_routed_by_its_own_task(settings, monkeypatch):
    complaint = submitted_complaint(stores=1, listings_per_store=1)
    fanned_out: list[object] = []
    monkeypatch.setattr(tasks, "group", lambda *args: fanned_out.append(args))

    tasks.route_complaint.delay(complaint.pk)

    assert fanned_out == []
    assert Case.objects.get(complaint=complaint).status == CaseStatus.AWAITING_PLATFORM


def closed_history(count: int) -> None:
    """`count` closed cases with a listing each, written in bulk: the history the periodic jobs must not read."""
    model = CaseFactory(status=CaseStatus.CLOSED, deadline=timezone.localdate() - timedelta(days=30))
    old = timezone.now() - timedelta(days=60)
    cases = Case.objects.bulk_create(
        Case(
            complaint=model.complaint,
            complainant_org=model.complainant_org,
            store=model.store,
            platform=model.platform,
            status=CaseStatus.CLOSED,
            deadline=model.deadline,
            created_at=old,
        )
        for _ in range(count)
    )
    Listing.objects.bulk_create(
        Listing(
            complaint=model.complaint,
            url=f"https://shop.example.test/old/{case.pk}",
            store_ref="old",
            case=case,
        )
        for case in cases
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE enforcement_case; ANALYZE complaints_listing; ANALYZE complaints_complaint")


def plans_of_reads(queries: CaptureQueriesContext) -> list[tuple[str, str]]:
    """(query, plan) of every SELECT captured, explained on the same data."""
    plans = []
    with connection.cursor() as cursor:
        for query in queries.captured_queries:
            sql = query["sql"]
            if not sql.startswith("SELECT") or " FOR UPDATE" in sql:
                continue
            cursor.execute(f"EXPLAIN {sql}")
            plans.append((sql, "\n".join(row[0] for row in cursor.fetchall())))
    return plans


@pytest.fixture
def case_table_constraint():
    """The case table has a unique (complaint, store) pair: history is written under one complaint and
    store, so the constraint is lifted for this test's transaction only."""
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE enforcement_case DROP CONSTRAINT case_one_per_store")


def test_the_routing_sweep_reads_only_candidate_rows(case_table_constraint):
    closed_history(3000)
    waiting = CaseFactory(status=CaseStatus.NEW)
    Case.objects.filter(pk=waiting.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    Complaint.objects.filter(pk=waiting.complaint_id).update(
        submitted_at=timezone.now() - timedelta(minutes=5)
    )

    with CaptureQueriesContext(connection) as queries:
        found = complaints_needing_routing()

    assert found == [waiting.complaint_id]
    plans = plans_of_reads(queries)
    assert len(plans) == 3  # unassigned listings, new cases, their complaints
    for sql, plan in plans:
        assert "Seq Scan on enforcement_case" not in plan, (sql, plan)
        assert "Seq Scan on complaints_listing" not in plan, (sql, plan)
    assert any("case_new_by_created" in plan for _sql, plan in plans)


def test_the_deadline_job_reads_open_cases_by_their_deadline_only(case_table_constraint):
    closed_history(3000)
    due = CaseFactory(status=CaseStatus.AWAITING_PLATFORM, deadline=timezone.localdate() - timedelta(days=1))

    with CaptureQueriesContext(connection) as queries:
        counts = deadlines_run()

    assert counts["marked_overdue"] == 1
    Case.objects.get(pk=due.pk)
    case_reads = [
        (sql, plan)
        for sql, plan in plans_of_reads(queries)
        if "enforcement_case" in sql and "penalt" not in sql  # the penalty step: see the report
    ]
    assert case_reads
    for sql, plan in case_reads:
        assert "Seq Scan on enforcement_case" not in plan, (sql, plan)
