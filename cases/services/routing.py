"""Splitting submitted complaints into cases and routing each case to a handling mode.

Both steps are idempotent: they lock the rows they change and skip work already done, so the task,
its retries and the periodic sweep may all run for the same complaint without harm.
"""

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
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
from cases.services._deadline import deadline_set
from cases.services.consent import consent_requests_open
from cases.services.listing_counts import cases_listing_count_store
from cases.services.penalties import store_points
from cases.services.receipt import complaint_acknowledge
from cases.transition import case_transition
from complaints.models import Complaint, ComplaintStatus, Listing
from enforcement.models import Office
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
    cases are routed: an operator's edit takes effect at the next run (the next task or sweep)."""
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

    Set-based, whatever the number of listings: the stores in one pass (platforms.stores), the missing
    cases in one insert, and every listing not yet in a case put in its store's case by one UPDATE that
    reads them through the partial index of unassigned listings (listing_unassigned_by_store).
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
                Case(complaint=complaint, store=store, platform=complaint.platform)
                for store in stores.values()
                if store.pk not in case_of_store
            ]
        )
        for case in opened:
            case_transition(case=case, action=CaseAction.OPENED, actor=SYSTEM)
            case_of_store[case.store_id] = case.pk
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
    """Route these cases of the complaint, each in its own transaction, then acknowledge the complaint
    once all its cases are routed (whichever part of a fanned-out routing finishes last does it).

    A case that cannot be routed does not keep the others from being routed; the first such error is
    raised at the end, so that the task retries and the sweep tries again."""
    errors: list[Exception] = []
    with routing_lookups():
        for case_id in case_ids:
            try:
                case_route(case_id=case_id)
            except Exception as exc:  # noqa: BLE001 — one case's failure; the complaint's other cases go on
                log.exception("Case %s of complaint %s not routed.", case_id, complaint_id)
                errors.append(exc)
    if errors:
        raise errors[0]
    complaint_acknowledge(complaint_id=complaint_id)


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


@transaction.atomic
def case_route(*, case_id: int) -> Case:
    """Route a NEW case by the first matching rule; a case already routed is returned unchanged.

    The routing reason is the text of record, so it is always written in the site's default language,
    whichever request or worker routes the case; readers see it re-rendered in their own
    (enforcement.routing_explanation).
    """
    with translation.override(settings.LANGUAGE_CODE):
        return _case_route(case_id=case_id)


def _case_route(*, case_id: int) -> Case:
    # Lock the case: the task, a retry and the sweep can reach the same case together. Read in the same
    # query with what routing and its notifications look at (the parties' organisations).
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related(
            "complaint__right",
            "complaint__filed_by_org",
            "platform__region",
            "platform__organisation",
            "store__region",
        )
        .get(pk=case_id)
    )
    if case.status != CaseStatus.NEW:
        return case
    facts = case_facts(case)
    rules = _looked_up("rules", lambda: list(RoutingRule.objects.filter(is_active=True).order_by("position")))
    match = first_matching_rule(rules, facts)
    if match is None:
        raise NoRoutingRule(f"no routing rule matches case {case.pk}; add a catch-all rule at the end")
    rule, conditions = match

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
    now = timezone.now()
    deadline = deadline_set(case, days, today=timezone.localdate(now))
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
    RoutingRecord.objects.create(
        case=case,
        kind=RoutingKind.ROUTED,
        mode=mode,
        office=office,
        rule=rule,
        reason=case.routing_reason,
        recorded_at=now,
    )
    if mode == HandlingMode.ADMINISTRATIVE:
        # Asked before the move, so that the routing's notifications ask the parties for it.
        consent_requests_open(case=case)
    case_transition(case=case, action=CaseAction.ROUTED, actor=SYSTEM, args=(mode,), note=case.routing_reason)
    return case


def case_facts(case: Case) -> CaseFacts:
    complaint = case.complaint
    return CaseFacts(
        right_type=complaint.right.right_type,
        infringement_type=complaint.infringement_type,
        has_evaluation_report=bool(complaint.right.evaluation_report),
        # Stored by the split (cases_listing_count_store): listings are frozen once the case exists.
        listing_count=case.listing_count,
        store_upheld_cases=store_upheld_case_count(store_id=case.store_id),
        requested_administrative=complaint.requested_administrative,
        store_penalty_points=store_penalty_points(store_id=case.store_id),
    )


def store_upheld_case_count(*, store_id: int) -> int:
    since = timezone.now() - UPHELD_HISTORY_WINDOW
    return Case.objects.filter(store_id=store_id, outcome=CaseOutcome.UPHELD, decided_at__gte=since).count()


def store_penalty_points(*, store_id: int) -> int:
    return store_points(store_id=store_id)


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
