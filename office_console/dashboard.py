"""Selectors of the office dashboard: only the user's office's cases, in a fixed number of queries."""

from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone

from accounts.models import User
from aggregates.figures import Figure
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
FIGURES_DAYS = 30


def office_dashboard(*, user: User) -> dict:
    """Workload per official, overdue cases, the office's figures of the last FIGURES_DAYS days (from the
    daily figures, never counted from the cases) and requests from other offices.

    A fixed number of queries whatever the number of cases: figures by mode, the office's total, overdue,
    workload, two inboxes, plus the office.
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
    overdue_filter = Q(status__in=OPEN_STATUSES, deadline__lt=today)
    overdue = list(
        cases.filter(overdue_filter)
        .select_related("platform__organisation", "store")
        .order_by("deadline", "pk")[:OVERDUE_SHOWN]
    )
    open_assigned = Q(case_assignments__case__status__in=OPEN_STATUSES, case_assignments__case__office=office)
    workload = list(
        User.objects.filter(membership__organisation=office.organisation, is_active=True)
        .select_related("membership")
        .annotate(
            open_cases=Count("case_assignments", filter=open_assigned, distinct=True),
            overdue_cases=Count(
                "case_assignments",
                filter=open_assigned & Q(case_assignments__case__deadline__lt=today),
                distinct=True,
            ),
        )
        .order_by("-open_cases", "username")
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
