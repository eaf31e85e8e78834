"""Setting a case's deadline: the date, and whether it was counted in working or calendar days, together."""

from datetime import date

from django.utils import timezone

from cases.models import Case
from enforcement.working_days import add_days
from iprgov.day_count import DayCount


def deadline_set(
    case: Case, days: int, counts: DayCount = DayCount.WORKING, *, today: date | None = None
) -> date:
    """Give the (locked) case the deadline `days` days from today, counted as `counts` says."""
    case.deadline = add_days(today or timezone.localdate(), days, counts)
    case.deadline_counts = counts
    return case.deadline


def deadlines_set(
    cases: list[Case], days: int, counts: DayCount = DayCount.WORKING, *, today: date | None = None
) -> date:
    """deadline_set for one or more (locked) cases, counted once: the same deadline for all."""
    deadline = deadline_set(cases[0], days, counts, today=today)
    for case in cases[1:]:
        case.deadline = deadline
        case.deadline_counts = counts
    return deadline
