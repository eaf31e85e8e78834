"""Operators' edits of the working-day calendar: each saved as the operator's own (so a later import of the
official schedule keeps it) and recorded in the audit trail with the operator as actor."""

from django.db import transaction

from accounts.models import User
from audit.services import audit_record
from enforcement.models import CalendarDay, CalendarSource


def _state(is_working_day: bool | None) -> str:
    return {True: "working", False: "holiday", None: ""}[is_working_day]


@transaction.atomic
def calendar_day_save(*, day: CalendarDay, actor: User) -> CalendarDay:
    before = CalendarDay.objects.filter(pk=day.pk).first() if day.pk else None
    day.source = CalendarSource.OPERATOR
    day.save()
    audit_record(
        actor=actor,
        subject=day,
        action="calendar_day_changed" if before else "calendar_day_added",
        from_status=_state(before.is_working_day if before else None),
        to_status=_state(day.is_working_day),
        note=f"{day.date.isoformat()} {day.note}"
        + (f" (was {before.date.isoformat()} {before.note})" if before else ""),
    )
    return day


@transaction.atomic
def calendar_day_delete(*, day: CalendarDay, actor: User) -> None:
    audit_record(
        actor=actor,
        subject=day,
        action="calendar_day_removed",
        from_status=_state(day.is_working_day),
        note=f"{day.date.isoformat()} {day.note}",
    )
    day.delete()
