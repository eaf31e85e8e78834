"""China's official schedule of public holidays and make-up working days, imported into the calendar.

The schedule comes from the `holidays` package, which carries each year's State Council notice (the
holidays, and the weekends moved to be worked in their place). Operators rerun the import when a year is
published (`manage.py import_official_calendar`); rows an operator entered or edited are kept unless
`overwrite` is asked for.
"""

from dataclasses import dataclass, field
from datetime import date

import holidays
from django.db import transaction
from django.db.migrations.state import StateApps
from django.utils import timezone

from audit.actors import SYSTEM, Actor
from audit.services import audit_record
from enforcement.models import CalendarDay, CalendarSource

COUNTRY = "CN"
# The notice's own words; the note is data, kept in the language the schedule is published in.
MAKE_UP_WORKING_DAY = "调休上班"


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    kept_operator_edits: int = 0
    # Years for which the package has no make-up working days: its schedule may be the statutory holidays
    # only, the State Council's notice for the year not being published (or not in this package) yet.
    years_without_make_up_days: list[int] = field(default_factory=list)


def official_schedule(year: int) -> dict[date, tuple[bool, str]]:
    """Every exception to the Monday–Friday week in `year`: date -> (is working day, note)."""
    calendar = holidays.country_holidays(COUNTRY, years=year)
    days = {day: (False, str(name)[:120]) for day, name in calendar.items()}
    days.update({day: (True, MAKE_UP_WORKING_DAY) for day in calendar.weekend_workdays if day.year == year})
    return days


def default_years() -> list[int]:
    this_year = timezone.localdate().year
    return [this_year, this_year + 1]


@transaction.atomic
def official_calendar_import(
    *, years: list[int], overwrite: bool = False, actor: Actor = SYSTEM, audited: bool = True
) -> ImportResult:
    """Bring the calendar's days of `years` in line with the official schedule; running it twice changes
    nothing the second time. Every row created, changed or removed is in the audit trail, except when the
    calendar is shipped into a new database (`audited=False`), like the other data a migration installs."""
    result = ImportResult()
    record = _audit_entry if audited else _no_audit_entry
    for year in years:
        schedule = official_schedule(year)
        if not any(is_working for is_working, _note in schedule.values()):
            result.years_without_make_up_days.append(year)
        existing = {row.date: row for row in CalendarDay.objects.select_for_update().filter(date__year=year)}
        for day, (is_working, note) in sorted(schedule.items()):
            row = existing.get(day)
            if row is None:
                row = CalendarDay.objects.create(
                    date=day, is_working_day=is_working, note=note, source=CalendarSource.SCHEDULE
                )
                record(actor, row, "calendar_day_imported")
                result.created += 1
            elif row.source == CalendarSource.OPERATOR and not overwrite:
                result.kept_operator_edits += 1
            elif (row.is_working_day, row.note, row.source) == (is_working, note, CalendarSource.SCHEDULE):
                result.unchanged += 1
            else:
                before = _state(row)
                row.is_working_day, row.note, row.source = is_working, note, CalendarSource.SCHEDULE
                row.save(update_fields=["is_working_day", "note", "source"])
                record(actor, row, "calendar_day_imported", before=before)
                result.updated += 1
        # A day the schedule no longer lists (a notice amended) goes, unless an operator set it.
        for day, row in existing.items():
            if day not in schedule and (row.source == CalendarSource.SCHEDULE or overwrite):
                record(actor, row, "calendar_day_removed", before=_state(row))
                row.delete()
                result.removed += 1
    return result


def _state(row: CalendarDay) -> str:
    return "working" if row.is_working_day else "holiday"


def _no_audit_entry(actor: Actor, row: CalendarDay, action: str, before: str = "") -> None:
    return None


def _audit_entry(actor: Actor, row: CalendarDay, action: str, before: str = "") -> None:
    audit_record(
        actor=actor,
        subject=row,
        action=action,
        from_status=before,
        to_status="" if action == "calendar_day_removed" else _state(row),
        note=f"{row.date.isoformat()} {row.note}",
    )


def official_calendar_ship_after_migrate(
    *, using: str, apps: StateApps | None = None, **_kwargs: object
) -> None:
    """post_migrate receiver: a database with no imported schedule gets this year's and next year's, so
    deadlines are right as soon as `migrate` (or a test database's `flush`) has run. Later years come by
    rerunning the command; an existing schedule is never touched here."""
    if apps is None:
        return
    # Migrating back to a schema older than the import (or a flush of one) has no table to import into.
    state_model = apps.get_model("enforcement", "CalendarDay")
    if "source" not in {f.name for f in state_model._meta.get_fields()}:
        return
    if not CalendarDay.objects.using(using).filter(source=CalendarSource.SCHEDULE).exists():
        official_calendar_import(years=default_years(), audited=False)
