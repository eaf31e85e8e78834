"""Splitting submitted complaints into cases and routing each case to a handling mode.

Both steps are idempotent: they lock the rows they change and skip work already done, so the task,
its retries and the periodic sweep may all run for the same complaint without harm.
"""

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit.actors import SYSTEM
from cases.actions import CaseAction
from cases.models import (
    Case,
    CaseOutcome,
    CaseStatus,
    HandlingMode,
    Jurisdiction,
    RoutingKind,
    RoutingRecord,
    RoutingRule,
)
from cases.routing_rules import CaseFacts, first_matching_rule
from cases.services.consent import consent_requests_open_many
from cases.services.listing_counts import cases_listing_count_store
from cases.services.penalties import stores_points
from cases.services.receipt import complaint_acknowledge
from cases.transition import case_transition_many
from complaints.models import Complaint, ComplaintStatus, Listing
from enforcement.models import Office
from enforcement.working_days import add_days
from iprgov.day_count import DayCount
from platforms.models import Store
from platforms.stores import stores_for_listings
from regions.models import Region

log = logging.getLogger(__name__)
UPHELD_HISTORY_WINDOW = timedelta(days=365)


class NoRoutingRule(Exception):
    """The routing table has no rule that matches; operators must keep a catch-all rule last."""


# What one routing run has read of the data operators maintain (the routing table, the office serving
# each region), by key; None outside a run.
_run_lookups: ContextVar[dict[object, Any] | None] = ContextVar("routing_run_lookups", default=None)


@contextmanager
def routing_lookups() -> Iterator[None]:
    """Within the block the routing table and the office serving each region are read once, however many
    cases are routed: an operator's edit takes effect at the next run (the next task or sweep). A block
    within a run's block shares the run's reads."""
    if _run_lookups.get() is not None:
        yield
        return
    token = _run_lookups.set({})
    try:
        yield
    finally:
        _run_lookups.reset(token)


def _looked_up[T](key: object, load: Callable[[], T]) -> T:
    memo = _run_lookups.get()
    if memo is None:
        return load()
    if key not in memo:
        memo[key] = load()
    return memo[key]


@transaction.atomic
def complaint_split_into_cases(*, complaint_id: int) -> list[int]:
    """Create one case per respondent store for a submitted complaint; returns the ids of its cases.

    Set-based, whatever the number of listings and stores: the stores in one pass (platforms.stores), the
    missing cases in one insert and opened together (case_transition_many), and every listing not yet in
    a case put in its store's case by one UPDATE that reads them through the partial index of unassigned
    listings (listing_unassigned_by_store).
    """
    # The complaint locked, not its platform: filings of other complaints reference the platform (their
    # foreign-key checks take a share lock on its row) while they hold the audit chain's lock.
    complaint = (
        Complaint.objects.select_for_update(of=("self",)).select_related("platform").get(pk=complaint_id)
    )
    if complaint.status != ComplaintStatus.SUBMITTED:
        return list(complaint.cases.values_list("pk", flat=True))
    unassigned = complaint.listings.filter(case__isnull=True)
    # No store at all when every listing is in a case already (a retry, the sweep).
    stores = stores_for_listings(platform=complaint.platform, listings=unassigned, complaint_id=complaint.pk)
    case_of_store = dict(complaint.cases.values_list("store_id", "pk"))
    if stores:
        opened = Case.objects.bulk_create(
            [
                Case(
                    complaint=complaint,
                    complainant_org_id=complaint.filed_by_org_id,
                    store=store,
                    platform=complaint.platform,
                )
                for store in stores.values()
                if store.pk not in case_of_store
            ]
        )
        case_transition_many(cases=opened, action=CaseAction.OPENED, actor=SYSTEM)
        case_of_store.update((case.store_id, case.pk) for case in opened)
        _listings_into_their_cases(complaint_id=complaint.pk)
        cases_listing_count_store(complaint_id=complaint.pk)
    return sorted(case_of_store.values())


def _listings_into_their_cases(*, complaint_id: int) -> None:
    """Put every unassigned listing of the complaint in the case of its store, in one statement."""
    listing, case, store = Listing._meta.db_table, Case._meta.db_table, Store._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {listing} AS listing SET case_id = c.id, store_id = c.store_id
            FROM {case} AS c JOIN {store} AS s ON s.id = c.store_id
            WHERE c.complaint_id = %(complaint)s AND listing.complaint_id = %(complaint)s
              AND listing.case_id IS NULL AND listing.store_ref = s.external_id
            """,  # noqa: S608 — table names from the models; the complaint id is a parameter
            {"complaint": complaint_id},
        )


def complaint_route(*, complaint_id: int) -> None:
    """Split the complaint and route each of its cases (the sweep's way, and the task's for a few cases)."""
    complaint_cases_route(
        complaint_id=complaint_id, case_ids=complaint_split_into_cases(complaint_id=complaint_id)
    )


def complaint_cases_route(*, complaint_id: int, case_ids: list[int]) -> None:
    """Route these cases of the complaint together (cases_route), then acknowledge the complaint once all
    its cases are routed (whichever part of a fanned-out routing finishes last does it).

    A case that cannot be routed does not keep the others from being routed: one no rule matches stays
    new while the others are routed; an unexpected error rolls the chunk back, and its cases are then
    routed one by one, each in its own transaction. The first error is raised at the end, so that the
    task retries and the sweep tries again."""
    try:
        cases_route(case_ids=case_ids)
    except NoRoutingRule:
        raise
    except Exception:  # noqa: BLE001 — one case's failure; the chunk's other cases go on, one by one
        log.exception("Cases of complaint %s not routed together; routing them one by one.", complaint_id)
        _cases_route_one_by_one(complaint_id=complaint_id, case_ids=case_ids)
    complaint_acknowledge(complaint_id=complaint_id)


def _cases_route_one_by_one(*, complaint_id: int, case_ids: list[int]) -> None:
    errors: list[Exception] = []
    with routing_lookups():  # the rules and offices read once for all of them
        for case_id in case_ids:
            try:
                cases_route(case_ids=[case_id])
            except Exception as exc:  # noqa: BLE001 — one case's failure; the complaint's other cases go on
                log.exception("Case %s of complaint %s not routed.", case_id, complaint_id)
                errors.append(exc)
    if errors:
        raise errors[0]


def routing_chunks(case_ids: list[int]) -> list[list[int]]:
    """The case ids in chunks of IPRGOV_ROUTING_CHUNK_CASES: each chunk is one task, so that every worker
    process takes part in routing a complaint of many stores."""
    size = settings.IPRGOV_ROUTING_CHUNK_CASES
    return [case_ids[start : start + size] for start in range(0, len(case_ids), size)]


def complaints_route_pending() -> int:
    """The sweep: route every complaint left unrouted, one by one; one that fails is logged and tried
    again at the next sweep. Returns how many complaints were routed."""
    routed = 0
    for complaint_id in complaints_needing_routing():
        try:
            complaint_route(complaint_id=complaint_id)
        except Exception:  # noqa: BLE001 — one complaint's failure never blocks the others
            log.exception(
                "Complaint %s not routed by the sweep; it is tried again at the next one.", complaint_id
            )
        else:
            routed += 1
    return routed


def case_route(*, case_id: int) -> Case:
    """Route a NEW case by the first matching rule; a case already routed is returned unchanged."""
    routed = cases_route(case_ids=[case_id])
    return routed[0] if routed else Case.objects.get(pk=case_id)


def cases_route(*, case_ids: list[int]) -> list[Case]:
    """Route the NEW cases among `case_ids` by the first matching rule each, in one transaction and a fixed
    number of statements whatever their number: the cases locked and read with what routing looks at, their
    facts read for all of them, one UPDATE of the cases, one insert of routing records, one chained audit
    insert and one `case_events` (whose receivers write notifications, webhook events, figures and priority
    marks in bulk). Cases already routed are left alone. Returns the cases routed now.

    The routing reason is the text of record, so it is always written in the site's default language,
    whichever request or worker routes the case; readers see it re-rendered in their own
    (enforcement.routing_explanation). A case no rule matches stays new, the others are routed, and
    NoRoutingRule is raised after they commit.
    """
    with routing_lookups(), translation.override(settings.LANGUAGE_CODE):
        routed, unmatched = _cases_route(case_ids=case_ids)
    if unmatched:
        raise NoRoutingRule(f"no routing rule matches cases {unmatched}; add a catch-all rule at the end")
    return routed


@transaction.atomic
def _cases_route(*, case_ids: list[int]) -> tuple[list[Case], list[int]]:
    # Lock the cases (in id order, so two chunks never wait on each other crosswise): the task, a retry and
    # the sweep can reach the same case together, and a case routed meanwhile no longer matches `new`.
    # Read in the same query with what routing and its notifications look at (the parties' organisations).
    cases = list(
        Case.objects.select_for_update(of=("self",))
        .select_related(
            "complaint__right",
            "complaint__filed_by_org",
            "platform__region",
            "platform__organisation",
            "store__region",
        )
        .filter(pk__in=case_ids, status=CaseStatus.NEW)
        .order_by("pk")
    )
    if not cases:
        return [], []
    facts = cases_facts(cases)
    rules = _looked_up("rules", lambda: list(RoutingRule.objects.filter(is_active=True).order_by("position")))
    now = timezone.now()
    routed: list[Case] = []
    records: list[RoutingRecord] = []
    unmatched: list[int] = []
    for case in cases:
        match = first_matching_rule(rules, facts[case.pk])
        if match is None:
            log.error("No routing rule matches case %s; add a catch-all rule at the end.", case.pk)
            unmatched.append(case.pk)
            continue
        records.append(_routing_decided(case, *match, now=now))
        routed.append(case)
    RoutingRecord.objects.bulk_create(records)
    # Asked before the move, so that the routing's notifications ask the parties for it.
    consent_requests_open_many(cases=[case for case in routed if case.mode == HandlingMode.ADMINISTRATIVE])
    case_transition_many(
        cases=routed,
        action=CaseAction.ROUTED,
        actor=SYSTEM,
        notes={case.pk: case.routing_reason for case in routed},
        args={case.pk: (case.mode,) for case in routed},
        fields=ROUTING_FIELDS,
    )
    return routed, unmatched


# What routing sets on a case, besides its status.
ROUTING_FIELDS = (
    "mode",
    "office",
    "routed_office",
    "routing_rule",
    "routing_rule_version",
    "routing_reason",
    "routed_at",
    "deadline",
    "deadline_counts",
)


def _routing_decided(case: Case, rule: RoutingRule, conditions: list[str], *, now: datetime) -> RoutingRecord:
    """Set on the case what `rule` decides (mode, office, deadline, reason); the record of it, unsaved."""
    mode = HandlingMode(rule.mode)
    office, office_note = _office_of_jurisdiction(case, rule)
    reason = [
        _("Rule %(position)d “%(name)s” matched: %(conditions)s.")
        % {
            "position": rule.position,
            "name": rule.name,
            "conditions": "; ".join(conditions) if conditions else _("it applies to every case"),
        }
    ]
    if office_note:
        reason.append(office_note)
    if mode != HandlingMode.PLATFORM and office is None:
        reason.append(_("No IPR office serves this region, so the case is handled by the platform alone."))
        mode = HandlingMode.PLATFORM
    days = (
        office.opinion_deadline_days
        if mode == HandlingMode.ASSISTED and office
        else rule.deadline_working_days
    )
    if mode == HandlingMode.ADMINISTRATIVE:
        # The first step of administrative handling is the parties' consent, with its own deadline.
        days = settings.IPRGOV_CONSENT_DAYS
    today = timezone.localdate(now)
    # The working-day calendar read once a run for each number of days.
    deadline = _looked_up(("deadline", today, days), lambda: add_days(today, days, DayCount.WORKING))
    case.deadline, case.deadline_counts = deadline, DayCount.WORKING
    reason.append(
        _("Mode: %(mode)s. Deadline: %(days)d working days, %(deadline)s.")
        % {"mode": mode.label, "days": days, "deadline": deadline.isoformat()}
    )

    case.mode = mode
    case.office = office
    case.routed_office = office
    case.routing_rule = rule
    case.routing_rule_version = rule.version
    case.routing_reason = " ".join(str(part) for part in reason)
    case.routed_at = now
    return RoutingRecord(
        case=case,
        kind=RoutingKind.ROUTED,
        mode=mode,
        office=office,
        rule=rule,
        reason=case.routing_reason,
        recorded_at=now,
    )


def cases_facts(cases: list[Case]) -> dict[int, CaseFacts]:
    """The routing facts of each case, by id, read for all of them at once: listings, the stores' upheld
    cases and penalty points each in one grouped query."""
    stores = {case.store_id for case in cases}
    upheld = stores_upheld_case_counts(store_ids=stores)
    points = stores_points(store_ids=stores)
    return {
        case.pk: CaseFacts(
            right_type=case.complaint.right.right_type,
            infringement_type=case.complaint.infringement_type,
            has_evaluation_report=bool(case.complaint.right.evaluation_report),
            # Stored by the split (cases_listing_count_store): listings are frozen once the case exists.
            listing_count=case.listing_count,
            store_upheld_cases=upheld.get(case.store_id, 0),
            requested_administrative=case.complaint.requested_administrative,
            store_penalty_points=points.get(case.store_id, 0),
        )
        for case in cases
    }


def case_facts(case: Case) -> CaseFacts:
    return cases_facts([case])[case.pk]


def stores_upheld_case_counts(*, store_ids: set[int]) -> dict[int, int]:
    """Each store's upheld cases decided within the history window, by store id (absent: none)."""
    since = timezone.now() - UPHELD_HISTORY_WINDOW
    return dict(
        Case.objects.filter(store_id__in=store_ids, outcome=CaseOutcome.UPHELD, decided_at__gte=since)
        .order_by()
        .values("store_id")
        .annotate(n=Count("pk"))
        .values_list("store_id", "n")
    )


def _office_of_jurisdiction(case: Case, rule: RoutingRule) -> tuple[Office | None, str]:
    note = ""
    region = case.platform.region
    if rule.jurisdiction == Jurisdiction.RESPONDENT_REGION:
        if case.store.region is not None:
            region = case.store.region
        else:
            note = _(
                "The store's region is unknown, so the office of the platform's region has jurisdiction."
            )
    office = office_serving(region)
    if office and not note:
        note = _("Office of jurisdiction: %(office)s, serving %(region)s.") % {
            "office": office.name,
            "region": region.name,
        }
    return office, note


def office_serving(region: Region) -> Office | None:
    """The office serving `region` or, failing that, its nearest ancestor region."""
    return _looked_up(("office", region.pk), lambda: _office_serving(region))


def _office_serving(region: Region) -> Office | None:
    current: Region | None = region
    while current is not None:
        office = Office.objects.filter(regions=current).select_related("organisation").order_by("pk").first()
        if office:
            return office
        current = current.parent
    return None


def complaints_needing_routing(*, older_than: timedelta | None = None) -> list[int]:
    """Submitted complaints, older than the grace period, with a listing not yet in a case or a case not
    yet routed.

    Found from the candidate rows only, through partial indexes: the listings outside a case
    (listing_unassigned_by_store) and the cases still new (case_new_by_created). The cost of a sweep
    stays the same however many complaints and cases were handled before.
    """
    grace = settings.IPRGOV_ROUTING_SWEEP_GRACE if older_than is None else older_than
    cutoff = timezone.now() - grace
    unassigned = Listing.objects.filter(case__isnull=True).order_by().values_list("complaint_id", flat=True)
    unrouted = (
        Case.objects.filter(status=CaseStatus.NEW, created_at__lte=cutoff)
        .order_by()
        .values_list("complaint_id", flat=True)
    )
    candidates = set(unassigned.distinct()) | set(unrouted.distinct())
    if not candidates:
        return []
    return list(
        Complaint.objects.filter(
            pk__in=candidates, status=ComplaintStatus.SUBMITTED, submitted_at__lte=cutoff
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
