"""Writes of the daily figures: added to by the case events in the action's transaction, rebuilt from the
audit trail by `manage.py rebuild_statistics`."""

from collections import Counter
from dataclasses import astuple
from datetime import date, datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, F, Min, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from aggregates.figures import (
    COUNTED,
    DISPUTE_STEPS,
    FIGURE_ACTIONS,
    HOUR_BUCKETS,
    REVIEW_ANSWERS,
    TIMED,
    CaseFacts,
    Figure,
    Key,
    figures_of,
)
from aggregates.models import DailyFigure, OverdueNow, WorkloadNow
from aggregates.selectors import figures_generation_next
from audit.models import AuditEntry
from cases.actions import CaseAction
from cases.models import OPEN_STATUSES, PLATFORM_ACTION_STATUSES, Assignment, Case, CaseOutcome
from cases.services.deadlines import OFFICE_STATUSES
from complaints.models import Complaint, IPRight

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
    case_events_count(cases=[case], action=action)


def _review_asked_at(case: Case) -> datetime | None:
    """When the review being answered was asked: its request's audit entry, as the rebuild reads it."""
    return (
        AuditEntry.objects.filter(
            subject_type=CASE_SUBJECT, subject_id=case.pk, action=CaseAction.REVIEW_REQUESTED
        )
        .order_by("-pk")
        .values_list("created_at", flat=True)
        .first()
    )


def case_events_count(*, cases: list[Case], action: CaseAction) -> None:
    """Add what `action`, just carried out on many cases (each holding its complaint's right, its audit
    entry written), adds to the figures, in a fixed number of queries: the last two entries of every case
    read together (this action's own entry, for its time and actor, then the one before it among changes
    of status and overdue marks), one upsert."""
    if action not in FIGURE_ACTIONS or not cases:
        return
    firsts: set[int] = set()
    if action == CaseAction.ROUTED:
        firsts = set(
            Case.objects.filter(complaint_id__in={case.complaint_id for case in cases})
            .order_by()
            .values("complaint_id")
            .annotate(first=Min("pk"))
            .values_list("first", flat=True)
        )
    latest: dict[int, list[tuple[str, datetime, str]]] = {}
    entries = (
        AuditEntry.objects.filter(
            _STEP_OR_OVERDUE | Q(action=action),
            subject_type=CASE_SUBJECT,
            subject_id__in=[case.pk for case in cases],
        )
        .annotate(newest=Window(RowNumber(), partition_by=[F("subject_id")], order_by=F("pk").desc()))
        .filter(newest__lte=2)
        .order_by("subject_id", "newest")
        .values_list("subject_id", "action", "created_at", "actor_kind")
    )
    for subject_id, entry_action, created_at, actor_kind in entries:
        latest.setdefault(subject_id, []).append((entry_action, created_at, actor_kind))
    counts: Counter[Key] = Counter()
    for case in cases:
        own = latest[case.pk]
        # The count the split stored with the case (cases_listing_count_store), not counted again.
        listings = case.listing_count if action == CaseAction.ROUTED else 0
        counts.update(
            figures_of(
                facts=_facts(case, listings=listings, first_of_complaint=case.pk in firsts),
                action=action,
                at=own[0][1],
                late=len(own) == 2 and own[1][0] == CaseAction.MARKED_OVERDUE,
                actor_kind=own[0][2],
                asked_at=_review_asked_at(case) if action in REVIEW_ANSWERS else None,
            )
        )
    figures_add(counts)


# The hours from one timestamp to another, per database: the rest of the rebuild is standard SQL.
_HOURS_SQL = {
    "postgresql": "EXTRACT(EPOCH FROM ({end} - {start})) / 3600",
    "sqlite": "(julianday({end}) - julianday({start})) * 24",
}


def _when(column: str, mapping: dict[Any, str], *, raw: bool = False) -> tuple[str, list[str]]:
    """`CASE column WHEN key THEN value … END` (NULL for any other value) and its parameters; with `raw`
    the values are SQL of ours (column names), not parameters."""
    then = "{}" if raw else "%s"
    sql = " ".join(f"WHEN %s THEN {then.format(value)}" for value in mapping.values())
    params: list[str] = []
    for key, value in mapping.items():
        params.extend([key] if raw else [key, value])
    return f"CASE {column} {sql} END", params


def _rebuild_sql() -> tuple[str, list[str]]:
    """One INSERT … SELECT … GROUP BY writing every daily figure from the audit trail by the rules of
    figures_of: a case's entries that are figure actions, changes of status or overdue marks in order, a
    figure action late when the entry before it is an overdue mark; each action counted under the case's
    platform, office, right type and mode as they are now, a decision with the outcome it had when taken,
    a review's answer timed from its request, a dispute step by who took it when the step says; the rows
    each action adds unioned, then summed per key."""
    q = connection.ops.quote_name
    entries, cases, complaints, rights = (q(m._meta.db_table) for m in (AuditEntry, Case, Complaint, IPRight))
    actions = sorted(FIGURE_ACTIONS)
    in_actions = ", ".join(["%s"] * len(actions))
    day, day_params = connection.ops.datetime_cast_date_sql(
        "e.created_at", (), timezone.get_default_timezone_name()
    )
    keys = "f.day, f.platform_pk, f.office_pk, f.right_type, f.mode"
    bucket = _bucket_sql("f.started_at")
    asked_bucket = _bucket_sql("f.asked_at")
    answers = ", ".join(["%s"] * len(REVIEW_ANSWERS))
    # One row per dispute step an entry counts for: its action, and who took it when the step says.
    by_actor = " AND f.actor_kind = %s"
    steps = " ".join(
        f"UNION ALL SELECT {keys}, %s, 0, 1 FROM facts f WHERE f.action = %s{by_actor if step.by else ''}"  # noqa: S608 — our SQL, values are parameters
        for step in DISPUTE_STEPS
    )
    steps_params = [
        value
        for step in DISPUTE_STEPS
        for value in (step.figure, step.action, *([step.by] if step.by else []))
    ]
    started, started_params = _when("s.action", {a: f"c.{t[3]}" for a, t in TIMED.items()}, raw=True)
    counted, counted_params = _when(
        "f.action", {**COUNTED, **{a: t[0] for a, t in TIMED.items()}, CaseAction.ROUTED: Figure.CASES}
    )
    in_time, in_time_params = _when("f.action", {a: t[1] for a, t in TIMED.items() if t[1] is not None})
    timed, timed_params = _when("f.action", {a: t[2] for a, t in TIMED.items()})
    sql = f"""
        WITH steps AS (
            SELECT e.id, e.subject_id AS case_id, e.action, e.created_at, e.actor_kind, {day} AS day,
                   LAG(e.action) OVER (PARTITION BY e.subject_id ORDER BY e.id) AS previous,
                   MAX(CASE WHEN e.action = %s THEN e.created_at END)
                       OVER (PARTITION BY e.subject_id ORDER BY e.id) AS review_asked_at
            FROM {entries} e
            WHERE e.subject_type = %s AND (e.action IN ({in_actions}) OR e.action = %s OR e.to_status <> '')
        ),
        firsts AS (SELECT complaint_id, MIN(id) AS first_id FROM {cases} GROUP BY complaint_id),
        facts AS (
            SELECT s.day, c.platform_id AS platform_pk, COALESCE(c.office_id, 0) AS office_pk,
                   r.right_type, c.mode, s.action, s.created_at, COALESCE(s.previous = %s, FALSE) AS late,
                   c.listing_count, c.id = firsts.first_id AS first_of_complaint, s.actor_kind,
                   {started} AS started_at,
                   CASE WHEN s.action IN ({answers}) THEN s.review_asked_at END AS asked_at,
                   -- A decision counts with the outcome it had when taken, shown by the step after it
                   -- (a reversal on review or lifted measures change the outcome of the case later).
                   CASE WHEN s.action = %s THEN COALESCE(
                       (SELECT CASE n.action WHEN %s THEN %s ELSE %s END FROM {entries} n
                        WHERE n.subject_type = %s AND n.subject_id = s.case_id AND n.id > s.id
                          AND n.action IN (%s, %s) ORDER BY n.id LIMIT 1),
                       c.outcome) ELSE c.outcome END AS outcome
            FROM steps s
            JOIN {cases} c ON c.id = s.case_id
            JOIN {complaints} co ON co.id = c.complaint_id
            JOIN {rights} r ON r.id = co.right_id
            JOIN firsts ON firsts.complaint_id = c.complaint_id
            WHERE s.action IN ({in_actions})
        ),
        counted AS (
            SELECT {keys}, {counted} AS figure, 0 AS bucket, 1 AS n FROM facts f
            UNION ALL SELECT {keys}, %s, 0, f.listing_count FROM facts f
                WHERE f.action = %s AND f.listing_count > 0
            UNION ALL SELECT {keys}, %s, 0, 1 FROM facts f WHERE f.action = %s AND f.first_of_complaint
            UNION ALL SELECT {keys}, CASE WHEN f.outcome = %s THEN %s ELSE %s END, 0, 1 FROM facts f
                WHERE f.action = %s
            UNION ALL SELECT {keys}, {in_time}, 0, 1 FROM facts f WHERE NOT f.late
            UNION ALL SELECT {keys}, {timed}, {bucket}, 1 FROM facts f WHERE f.started_at IS NOT NULL
            UNION ALL SELECT {keys}, %s, {asked_bucket}, 1 FROM facts f WHERE f.asked_at IS NOT NULL
            {steps}
        )
        INSERT INTO {q(DailyFigure._meta.db_table)} ({", ".join(KEY_COLUMNS)}, n)
        SELECT {keys}, f.figure, f.bucket, SUM(f.n) FROM counted f WHERE f.figure IS NOT NULL
        GROUP BY {keys}, f.figure, f.bucket
    """  # noqa: S608 — identifiers and SQL are ours, values are parameters
    params: list[str] = [
        *day_params,
        CaseAction.REVIEW_REQUESTED,
        CASE_SUBJECT,
        *actions,
        CaseAction.MARKED_OVERDUE,
        CaseAction.MARKED_OVERDUE,
        *started_params,
        *REVIEW_ANSWERS,
        CaseAction.DECIDED,
        CaseAction.NOTICE_FORWARDED,
        CaseOutcome.UPHELD,
        CaseOutcome.NOT_UPHELD,
        CASE_SUBJECT,
        CaseAction.NOTICE_FORWARDED,
        CaseAction.CLOSED_REJECTED,
        *actions,
        *counted_params,
        Figure.LISTINGS,
        CaseAction.ROUTED,
        Figure.NOTICES,
        CaseAction.ROUTED,
        CaseOutcome.UPHELD,
        Figure.MEASURES,
        Figure.REJECTIONS,
        CaseAction.DECIDED,
        *in_time_params,
        *timed_params,
        Figure.REVIEW_ANSWER_HOURS,
        *steps_params,
    ]
    return sql, params


def _bucket_sql(start: str) -> str:
    """The hour bucket (aggregates.figures.hour_bucket) of the time from `start` to the entry, in SQL."""
    hours = _HOURS_SQL[connection.vendor].format(end="f.created_at", start=start)
    bounds = " ".join(f"WHEN {hours} <= {b} THEN {i}" for i, b in enumerate(HOUR_BUCKETS))
    return f"CASE {bounds} ELSE {len(HOUR_BUCKETS)} END"


@transaction.atomic
def statistics_rebuild() -> int:
    """Replace every daily figure by the figures the audit trail gives (figures_of's rules, in one
    set-based statement); returns the rows written.

    Each figure is counted under the case's platform, office, right type and mode as they are now (a
    transferred case's earlier steps count for its new office), and a step is late when the trail shows
    an overdue mark just before it among the case's changes of status, the rule the events use."""
    sql, params = _rebuild_sql()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Lock out the event receivers while the table is replaced, so no increment is lost between
            # the two; the window over the trail sorts in memory rather than on disk.
            cursor.execute(f"LOCK TABLE {DailyFigure._meta.db_table} IN EXCLUSIVE MODE")
            cursor.execute("SET LOCAL work_mem = '256MB'")
        DailyFigure.objects.all().delete()
        cursor.execute(sql, params)
    transaction.on_commit(figures_generation_next)
    # Counted, not the cursor's rowcount: SQLite gives none for an INSERT that starts with WITH.
    return DailyFigure.objects.count()


@transaction.atomic
def overdue_now_refresh() -> int:
    """Count the open cases past their deadline with the platform or the office to act, per platform and
    office, through the (platform, status, deadline) index, and each official's open and overdue assigned
    cases in the case's office; replace both snapshots; returns the overdue rows."""
    today = timezone.localdate()
    now = timezone.now()
    rows = (
        Case.objects.filter(status__in=PLATFORM_ACTION_STATUSES + OFFICE_STATUSES, deadline__lt=today)
        .order_by()
        .values("platform_id", "office_id")
        .annotate(n=Count("pk"))
    )
    snapshot = [
        OverdueNow(
            platform_pk=row["platform_id"], office_pk=row["office_id"] or 0, n=row["n"], counted_at=now
        )
        for row in rows
    ]
    workload = (
        Assignment.objects.filter(case__status__in=OPEN_STATUSES, case__office__isnull=False)
        .order_by()
        .values("case__office_id", "official_id")
        .annotate(open_cases=Count("pk"), overdue_cases=Count("pk", filter=Q(case__deadline__lt=today)))
    )
    workload_snapshot = [
        WorkloadNow(
            office_pk=row["case__office_id"],
            official_pk=row["official_id"],
            open_cases=row["open_cases"],
            overdue_cases=row["overdue_cases"],
            counted_at=now,
        )
        for row in workload
    ]
    OverdueNow.objects.all().delete()
    OverdueNow.objects.bulk_create(snapshot)
    WorkloadNow.objects.all().delete()
    WorkloadNow.objects.bulk_create(workload_snapshot, batch_size=5000)
    return len(snapshot)
