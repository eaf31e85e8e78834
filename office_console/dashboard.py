"""Selectors of the office dashboard: only the user's office's cases, in a fixed number of queries."""

from datetime import timedelta
from typing import NamedTuple

from django.utils import timezone

from accounts.models import User
from aggregates.figures import Figure
from aggregates.models import WorkloadNow
from aggregates.report import OFFICE_COUNTS, OFFICE_RATES, report_rows, report_total
from aggregates.selectors import Scope
from cases.models import (
    OPEN_STATUSES,
    AssistanceRequest,
    Case,
    RequestStatus,
    Transfer,
)
from cases.selectors import office_of

OVERDUE_SHOWN = 50


class Workload(NamedTuple):
    official: User
    open_cases: int
    overdue_cases: int


FIGURES_DAYS = 30


def office_dashboard(*, user: User) -> dict:
    """Workload per official, overdue cases, the office's figures of the last FIGURES_DAYS days (from the
    daily figures, never counted from the cases) and requests from other offices.

    A fixed number of queries whatever the number of cases: figures by mode, the office's total, overdue
    (through case_office_open_by_deadline), the officials and their workload as the periodic job last
    counted it (WorkloadNow), two inboxes, plus the office.
    """
    office = office_of(user)
    if office is None:
        raise Case.DoesNotExist
    today = timezone.localdate()
    cases = Case.objects.filter(office=office)
    scope = Scope(
        start=today - timedelta(days=FIGURES_DAYS - 1), end=today, office_pks=frozenset({office.pk})
    )
    by_mode = report_rows(scope, "mode")
    total = report_total(scope)
    overdue = list(
        cases.filter(status__in=OPEN_STATUSES, deadline__lt=today)
        .select_related("platform__organisation", "store")
        .order_by("deadline", "pk")[:OVERDUE_SHOWN]
    )
    officials = list(
        User.objects.filter(membership__organisation=office.organisation, is_active=True)
        .select_related("membership")
        .order_by("username")
    )
    counted = {row.official_pk: row for row in WorkloadNow.objects.filter(office_pk=office.pk)}
    nothing = WorkloadNow(open_cases=0, overdue_cases=0)
    workload = sorted(
        (
            Workload(official, (row := counted.get(official.pk, nothing)).open_cases, row.overdue_cases)
            for official in officials
        ),
        key=lambda row: -row.open_cases,  # a stable sort: by name among equals
    )
    return {
        "office": office,
        "figures_days": FIGURES_DAYS,
        "by_mode": [(row.label, row.figures.count(Figure.CASES)) for row in by_mode],
        "total": total.figures.count(Figure.CASES),
        "figures": [(figure.label, total.figures.count(figure)) for figure in OFFICE_COUNTS],
        "rates": [(label, name, total.derived[name]) for name, label in OFFICE_RATES],
        "overdue": overdue,
        "workload": workload,
        "workload_counted_at": min((row.counted_at for row in counted.values()), default=None),
        "incoming_transfers": list(
            Transfer.objects.filter(to_office=office, status=RequestStatus.PENDING)
            .select_related("from_office__organisation", "case__platform__organisation")
            .order_by("requested_at", "pk")
        ),
        "incoming_assistance": list(
            AssistanceRequest.objects.filter(to_office=office, status=RequestStatus.PENDING)
            .select_related("from_office__organisation")
            .order_by("due_on", "pk")
        ),
    }
