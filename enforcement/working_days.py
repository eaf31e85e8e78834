"""Working-day arithmetic on the operators' calendar (Monday–Friday, minus holidays, plus make-up days)."""

from datetime import date, timedelta

from enforcement.models import CalendarDay
from iprgov.day_count import DayCount

SATURDAY = 5


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (start itself does not count). days >= 0."""
    if days < 0:
        raise ValueError("days must not be negative")
    # Long holidays (Spring Festival, National Day) can add a week or more; read generously once.
    horizon = start + timedelta(days=days * 2 + 30)
    exceptions = dict(
        CalendarDay.objects.filter(date__gt=start, date__lte=horizon).values_list("date", "is_working_day")
    )
    current, counted = start, 0
    while counted < days:
        current += timedelta(days=1)
        if current > horizon:
            horizon = current + timedelta(days=60)
            exceptions.update(
                CalendarDay.objects.filter(
                    date__gt=current - timedelta(days=1), date__lte=horizon
                ).values_list("date", "is_working_day")
            )
        if exceptions.get(current, current.weekday() < SATURDAY):
            counted += 1
    return current


def add_days(start: date, days: int, counts: DayCount) -> date:
    """The date `days` days after `start`, counted in working days on the calendar or in calendar days.

    A period in calendar days still ends on a working day: E-Commerce Law art. 43's 15 days follow the
    civil-law rule that a period whose last day is a holiday ends on the next working day (Civil Code
    art. 203)."""
    if counts == DayCount.WORKING:
        return add_working_days(start, days)
    if days < 0:
        raise ValueError("days must not be negative")
    end = start + timedelta(days=days)
    return end if is_working_day(end) else add_working_days(end, 1)


def is_working_day(day: date) -> bool:
    override = CalendarDay.objects.filter(date=day).values_list("is_working_day", flat=True).first()
    return override if override is not None else day.weekday() < SATURDAY
