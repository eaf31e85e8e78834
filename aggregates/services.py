"""Writes of the daily figures: added to by the case events in the action's transaction, rebuilt from the
audit trail by `manage.py rebuild_statistics`."""

from collections import Counter
from dataclasses import astuple
from datetime import date, datetime

from django.db import connection, transaction
from django.db.models import Count, F, Max, Min, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from aggregates.figures import FIGURE_ACTIONS, CaseFacts, Key, figures_of
from aggregates.models import DailyFigure, OverdueNow
from audit.models import AuditEntry
from cases.actions import CaseAction
from cases.models import PLATFORM_ACTION_STATUSES, Case
from cases.services.deadlines import OFFICE_STATUSES

KEY_COLUMNS = ("day", "platform_pk", "office_pk", "right_type", "mode", "figure", "bucket")
# A step is late when the deadline job marked the case overdue after its previous change of status (the
# entries of the case itself: its listings' entries carry their own statuses).
_STEP_OR_OVERDUE = Q(action=CaseAction.MARKED_OVERDUE) | ~Q(to_status="")
CASE_SUBJECT = "case"


def figures_add(counts: Counter[Key]) -> None:
    """Add each count to its row, creating the row when it is the first: one upsert statement, which
    PostgreSQL runs atomically per row, so concurrent actions never lose an increment."""
    if not counts:
        return
    table = connection.ops.quote_name(DailyFigure._meta.db_table)
    columns = ", ".join(KEY_COLUMNS)
    rows = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s)"] * len(counts))
    params: list[date | int | str] = []
    # Sorted: two transactions that add to the same rows lock them in the same order, never a deadlock.
    for key, n in sorted(counts.items(), key=lambda item: astuple(item[0])):
        params.extend([*astuple(key), n])
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({columns}, n) VALUES {rows} "  # noqa: S608 — identifiers are ours, values are parameters
            f"ON CONFLICT ({columns}) DO UPDATE SET n = {table}.n + excluded.n",
            params,
        )


def _facts(case: Case, *, listings: int, first_of_complaint: bool) -> CaseFacts:
    return CaseFacts(
        platform_pk=case.platform_id,
        office_pk=case.office_id or 0,
        right_type=case.complaint.right.right_type,
        mode=case.mode,
        routed_at=case.routed_at,
        accepted_at=case.accepted_at,
        outcome=case.outcome,
        listings=listings,
        first_of_complaint=first_of_complaint,
    )


def case_event_count(*, case: Case, action: CaseAction) -> None:
    """Add what `action`, just carried out on `case` (its audit entry written), adds to the figures."""
    if action not in FIGURE_ACTIONS:
        return
    listings = first = 0
    if action == CaseAction.ROUTED:
        # The count the split stored with the case (cases_listing_count_store), not counted again.
        listings = case.listing_count
        first = Case.objects.filter(complaint_id=case.complaint_id).aggregate(first=Min("pk"))["first"]
    # This action's own entry (its time), then the one before it among changes of status and overdue marks.
    latest = list(
        AuditEntry.objects.filter(
            _STEP_OR_OVERDUE | Q(action=action), subject_type=CASE_SUBJECT, subject_id=case.pk
        )
        .order_by("-pk")
        .values_list("action", "created_at")[:2]
    )
    keys = figures_of(
        facts=_facts(case, listings=listings, first_of_complaint=first == case.pk),
        action=action,
        at=latest[0][1],
        late=len(latest) == 2 and latest[1][0] == CaseAction.MARKED_OVERDUE,
    )
    figures_add(Counter(keys))


def case_events_count(*, cases: list[Case], action: CaseAction) -> None:
    """case_event_count for one action carried out on many cases (`case_events`), in a fixed number of
    statements: the complaints' first cases in one query, each case's last two steps in one, one upsert."""
    if action not in FIGURE_ACTIONS or not cases:
        return
    ids = [case.pk for case in cases]
    first_cases: set[int] = set()
    if action == CaseAction.ROUTED:
        first_cases = set(
            Case.objects.filter(complaint_id__in={case.complaint_id for case in cases})
            .order_by()
            .values("complaint_id")
            .annotate(first=Min("pk"))
            .values_list("first", flat=True)
        )
    latest: dict[int, list[tuple[str, datetime]]] = {}
    for subject_id, entry_action, created_at in (
        AuditEntry.objects.filter(
            _STEP_OR_OVERDUE | Q(action=action), subject_type=CASE_SUBJECT, subject_id__in=ids
        )
        .annotate(rank=Window(RowNumber(), partition_by=F("subject_id"), order_by=F("pk").desc()))
        .filter(rank__lte=2)
        .order_by("subject_id", "-pk")
        .values_list("subject_id", "action", "created_at")
    ):
        latest.setdefault(subject_id, []).append((entry_action, created_at))
    counts: Counter[Key] = Counter()
    for case in cases:
        steps = latest[case.pk]
        counts.update(
            figures_of(
                facts=_facts(
                    case,
                    # The count the split stored with the case (cases_listing_count_store).
                    listings=case.listing_count if action == CaseAction.ROUTED else 0,
                    first_of_complaint=case.pk in first_cases,
                ),
                action=action,
                at=steps[0][1],
                late=len(steps) == 2 and steps[1][0] == CaseAction.MARKED_OVERDUE,
            )
        )
    figures_add(counts)


REBUILD_BLOCK = 5000


def _replayed_block(first_pk: int, last_pk: int) -> Counter[Key]:
    """The figures of the cases with first_pk <= pk < last_pk, replayed from their audit entries in order
    (the rule of case_event_count for lateness): five queries a block."""
    block = Q(pk__gte=first_pk, pk__lt=last_pk)
    cases = {case.pk: case for case in Case.objects.filter(block).select_related("complaint__right")}
    listings = dict(
        Case.objects.filter(block).order_by().annotate(n=Count("listings")).values_list("pk", "n")
    )
    complaints = {case.complaint_id for case in cases.values()}
    first_cases = set(
        Case.objects.filter(complaint_id__in=complaints)
        .order_by()
        .values("complaint_id")
        .annotate(first=Min("pk"))
        .values_list("first", flat=True)
    )
    entries = (
        AuditEntry.objects.filter(subject_type=CASE_SUBJECT, subject_id__gte=first_pk, subject_id__lt=last_pk)
        .filter(Q(action__in=FIGURE_ACTIONS) | _STEP_OR_OVERDUE)
        .order_by("subject_id", "pk")
        .values_list("subject_id", "action", "created_at")
    )
    counts: Counter[Key] = Counter()
    last_case, overdue = None, False
    for case_id, action, created_at in entries.iterator(chunk_size=REBUILD_BLOCK):
        if case_id != last_case:
            last_case, overdue = case_id, False
        case = cases.get(case_id)
        if action in FIGURE_ACTIONS and case is not None:
            facts = _facts(case, listings=listings[case.pk], first_of_complaint=case.pk in first_cases)
            counts.update(figures_of(facts=facts, action=CaseAction(action), at=created_at, late=overdue))
        overdue = action == CaseAction.MARKED_OVERDUE
    return counts


@transaction.atomic
def statistics_rebuild() -> int:
    """Replace every daily figure by the figures replayed from the audit trail; returns the rows written.

    Each figure is counted under the case's platform, office, right type and mode as they are now (a
    transferred case's earlier steps count for its new office), and a step is late when the trail shows
    an overdue mark after the previous change of status, the rule the events use."""
    # Lock out the event receivers while the table is replaced, so no increment is lost between the two.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"LOCK TABLE {DailyFigure._meta.db_table} IN EXCLUSIVE MODE")
    DailyFigure.objects.all().delete()
    counts: Counter[Key] = Counter()
    last_pk = Case.objects.aggregate(last=Max("pk"))["last"] or 0
    for first_pk in range(0, last_pk + 1, REBUILD_BLOCK):
        counts.update(_replayed_block(first_pk, first_pk + REBUILD_BLOCK))
    DailyFigure.objects.bulk_create(
        (DailyFigure(**dict(zip(KEY_COLUMNS, astuple(key), strict=True)), n=n) for key, n in counts.items()),
        batch_size=5000,
    )
    return len(counts)


@transaction.atomic
def overdue_now_refresh() -> int:
    """Count the open cases past their deadline with the platform or the office to act, per platform and
    office, through the (platform, status, deadline) index, and replace the snapshot; returns the rows."""
    today = timezone.localdate()
    rows = (
        Case.objects.filter(status__in=PLATFORM_ACTION_STATUSES + OFFICE_STATUSES, deadline__lt=today)
        .order_by()
        .values("platform_id", "office_id")
        .annotate(n=Count("pk"))
    )
    now = timezone.now()
    snapshot = [
        OverdueNow(
            platform_pk=row["platform_id"], office_pk=row["office_id"] or 0, n=row["n"], counted_at=now
        )
        for row in rows
    ]
    OverdueNow.objects.all().delete()
    OverdueNow.objects.bulk_create(snapshot)
    return len(snapshot)
