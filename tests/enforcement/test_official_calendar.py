"""The working-day calendar ships China's official schedule, reimports without changing anything, keeps the
operators' edits and records every edit in the audit trail."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import ActorKind, AuditEntry
from enforcement.models import CalendarDay, CalendarSource
from enforcement.working_days import add_days, add_working_days
from iprgov.day_count import DayCount
from tests.factories import UserFactory
from tests.security.test_accounts_security import code_for, log_in

pytestmark = pytest.mark.django_db

SPRING_FESTIVAL_EVE_2026 = date(2026, 2, 16)


def _import(*args: str) -> str:
    out = StringIO()
    call_command("import_official_calendar", *args, stdout=out)
    return out.getvalue()


def _calendar() -> list[tuple[date, bool, str, str]]:
    return list(CalendarDay.objects.order_by("date").values_list("date", "is_working_day", "note", "source"))


def test_after_migrate_the_calendar_holds_the_official_spring_festival_and_its_make_up_days():
    # The test database was made by `migrate`, as an operator's fresh database is.
    days = {
        row.date: row
        for row in CalendarDay.objects.filter(date__range=(date(2026, 2, 14), date(2026, 2, 28)))
    }

    assert [d for d, row in sorted(days.items()) if not row.is_working_day] == [
        date(2026, 2, 16),
        date(2026, 2, 17),
        date(2026, 2, 18),
        date(2026, 2, 19),
        date(2026, 2, 20),
        date(2026, 2, 23),
    ]
    # Saturdays 14 and 28 February are worked in exchange (State Council notice of November 2025).
    assert [d for d, row in sorted(days.items()) if row.is_working_day] == [
        date(2026, 2, 14),
        date(2026, 2, 28),
    ]
    assert {row.source for row in days.values()} == {CalendarSource.SCHEDULE}


def test_a_deadline_crossing_the_spring_festival_counts_on_the_shipped_calendar():
    # Given Friday 13 February 2026, the last working day before the Spring Festival but one
    friday = date(2026, 2, 13)

    # When five working days are counted
    deadline = add_working_days(friday, 5)

    # Then the make-up Saturday 14th counts, 15–23 February do not: 24, 25, 26, 27 February follow
    assert deadline == date(2026, 2, 27)
    # And 15 calendar days from 1 February end on the holiday of the 16th, so on the next working day
    assert add_days(date(2026, 2, 1), 15, DayCount.CALENDAR) == date(2026, 2, 24)
    assert add_days(date(2026, 3, 1), 15, DayCount.CALENDAR) == date(2026, 3, 16)


def test_importing_a_year_twice_changes_nothing():
    _import("2026")
    before, audited = _calendar(), AuditEntry.objects.count()

    output = _import("2026")

    assert _calendar() == before
    assert AuditEntry.objects.count() == audited
    assert "0 created, 0 updated, 0 removed" in output


def test_an_import_restores_a_removed_official_day_and_is_audited():
    CalendarDay.objects.filter(date=SPRING_FESTIVAL_EVE_2026).delete()

    output = _import("2026")

    assert "1 created" in output
    assert CalendarDay.objects.get(date=SPRING_FESTIVAL_EVE_2026).is_working_day is False
    entry = AuditEntry.objects.filter(action="calendar_day_imported").latest("pk")
    assert entry.actor_kind == ActorKind.SYSTEM and "2026-02-16" in entry.note


def test_the_import_keeps_an_operator_edit_unless_told_to_overwrite():
    # Given an operator who made the Spring Festival eve a working day (a local rule, say)
    CalendarDay.objects.filter(date=SPRING_FESTIVAL_EVE_2026).update(
        is_working_day=True, source=CalendarSource.OPERATOR
    )

    kept = _import("2026")
    edited = CalendarDay.objects.get(date=SPRING_FESTIVAL_EVE_2026)
    _import("2026", "--overwrite")
    overwritten = CalendarDay.objects.get(date=SPRING_FESTIVAL_EVE_2026)

    assert "1 operator edit(s) kept" in kept and edited.is_working_day is True
    assert (overwritten.is_working_day, overwritten.source) == (False, CalendarSource.SCHEDULE)


def test_a_year_the_package_has_no_official_schedule_for_is_pointed_out():
    output = _import("2040")

    assert "2040: the schedule has no make-up working days" in output


def test_an_operator_edit_in_the_admin_is_audited_with_the_operator_and_kept_by_the_next_import(client):
    # Given an operator signed in to the admin with a second factor
    operator = UserFactory(is_staff=True, is_superuser=True)
    device = TOTPDevice.objects.create(user=operator, name="app", confirmed=True)
    log_in(client, operator, otp_token=code_for(device))
    day = CalendarDay.objects.get(date=SPRING_FESTIVAL_EVE_2026)

    # When the operator makes the day a working day
    response = client.post(
        reverse("admin:enforcement_calendarday_change", args=[day.pk]),
        {"date": "2026-02-16", "is_working_day": "on", "note": "Worked locally"},
    )

    # Then the change is saved as the operator's, audited with the operator as actor, and kept by an import
    assert response.status_code == 302
    day.refresh_from_db()
    assert (day.is_working_day, day.source) == (True, CalendarSource.OPERATOR)
    entry = AuditEntry.objects.get(action="calendar_day_changed", subject_id=day.pk)
    assert entry.actor_id == operator.pk
    assert (entry.from_status, entry.to_status) == ("holiday", "working")
    _import("2026")
    assert CalendarDay.objects.get(pk=day.pk).is_working_day is True


def test_removing_a_day_in_the_admin_is_audited(client):
    operator = UserFactory(is_staff=True, is_superuser=True)
    device = TOTPDevice.objects.create(user=operator, name="app", confirmed=True)
    log_in(client, operator, otp_token=code_for(device))
    day = CalendarDay.objects.get(date=SPRING_FESTIVAL_EVE_2026)

    response = client.post(
        reverse("admin:enforcement_calendarday_changelist"),
        {"action": "delete_selected", "_selected_action": [day.pk], "post": "yes"},
    )

    assert response.status_code == 302
    assert not CalendarDay.objects.filter(pk=day.pk).exists()
    assert AuditEntry.objects.get(action="calendar_day_removed", subject_id=day.pk).actor_id == operator.pk
