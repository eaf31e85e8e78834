from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enforcement.models import CalendarDay
from enforcement.working_days import add_working_days, is_working_day

pytestmark = pytest.mark.django_db

FRIDAY = date(2026, 11, 20)


def test_two_working_days_from_friday_is_tuesday():
    assert add_working_days(FRIDAY, 2) == date(2026, 11, 24)


def test_holidays_are_skipped_and_makeup_weekends_count():
    # Given an operator's own calendar instead of the shipped one: National Day week 2026-10-01..07 off,
    # with Saturday 2026-10-10 a make-up working day
    CalendarDay.objects.all().delete()
    for offset in range(7):
        CalendarDay.objects.create(
            date=date(2026, 10, 1) + timedelta(days=offset), is_working_day=False, note="National Day"
        )
    CalendarDay.objects.create(date=date(2026, 10, 10), is_working_day=True, note="Make-up day")

    # When two working days are counted from Wednesday 30 September
    deadline = add_working_days(date(2026, 9, 30), 2)

    # Then 1–7 October and Sunday the 4th are skipped: Thursday 8th, Friday 9th
    assert deadline == date(2026, 10, 9)
    assert add_working_days(date(2026, 9, 30), 3) == date(2026, 10, 10)
    assert is_working_day(date(2026, 10, 10))
    assert not is_working_day(date(2026, 10, 5))


def test_negative_days_are_refused():
    with pytest.raises(ValueError, match="negative"):
        add_working_days(FRIDAY, -1)


@settings(max_examples=60, deadline=None)
@given(start=st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)), days=st.integers(0, 40))
def test_deadline_lands_on_a_working_day_and_counts_exactly_n(start: date, days: int):
    deadline = add_working_days(start, days)

    # On the calendar as shipped (the official schedule of this year and next, weekdays otherwise).
    counted = sum(
        1
        for offset in range(1, (deadline - start).days + 1)
        if is_working_day(start + timedelta(days=offset))
    )
    assert counted == days
    assert deadline == start or is_working_day(deadline)
    assert add_working_days(start, days + 1) > deadline
