"""Operators' edits of the working-day calendar: each saved as the operator's own (so a later import of the
official schedule keeps it) and recorded in the audit trail (audit.edits: who, before and after)."""

from accounts.models import User
from audit.edits import edit_delete, edit_save
from enforcement.models import CalendarDay, CalendarSource


def _state(day: CalendarDay | None) -> str:
    return "" if day is None else ("working" if day.is_working_day else "holiday")


def calendar_day_save(*, day: CalendarDay, actor: User) -> CalendarDay:
    day.source = CalendarSource.OPERATOR
    edit_save(instance=day, actor=actor, name="calendar_day", status_of=_state)
    return day


def calendar_day_delete(*, day: CalendarDay, actor: User) -> None:
    edit_delete(instance=day, actor=actor, name="calendar_day", status_of=_state)
