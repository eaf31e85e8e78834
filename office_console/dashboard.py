"""Selectors of the office dashboard: only the user's office's cases, in a fixed number of queries."""

from django.db.models import Count, Q
from django.utils import timezone

from accounts.models import User
from cases.models import (
    OPEN_STATUSES,
    AssistanceRequest,
    Case,
    CaseStatus,
    HandlingMode,
    RequestStatus,
    Transfer,
)
from cases.selectors import office_of

OVERDUE_SHOWN = 50


def office_dashboard(*, user: User) -> dict:
    """Workload per official, overdue cases, counts by mode and status, and requests from other offices.

    Six queries whatever the number of cases: counts, overdue, workload, two inboxes, plus the office.
    """
    office = office_of(user)
    if office is None:
        raise Case.DoesNotExist
    today = timezone.localdate()
    cases = Case.objects.filter(office=office)
    counts = list(cases.values("mode", "status").annotate(n=Count("pk")).order_by("mode", "status"))
    mode_labels, status_labels = dict(HandlingMode.choices), dict(CaseStatus.choices)
    by_mode: dict[str, int] = {}
    by_status: dict[str, int] = {}
    for row in counts:
        by_mode[row["mode"]] = by_mode.get(row["mode"], 0) + row["n"]
        by_status[row["status"]] = by_status.get(row["status"], 0) + row["n"]
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
        "by_mode": [(mode_labels.get(mode, mode or "-"), n) for mode, n in sorted(by_mode.items())],
        "by_status": [(status_labels.get(status, status), n) for status, n in sorted(by_status.items())],
        "total": sum(by_mode.values()),
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
