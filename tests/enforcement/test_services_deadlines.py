"""The deadline job with a fixed clock: restoration, lapses, reminders, overdue marks; twice is once."""

from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import Notification
from audit.models import AuditEntry
from cases.models import CaseClosure, CaseOutcome, CaseStatus
from cases.services.deadlines import deadlines_run
from cases.services.decisions import information_request
from complaints.models import ListingStatus
from tests.platforms.helpers import case_on
from tests.platforms.lifecycle import decided_case, window_open_case

pytestmark = pytest.mark.django_db


def _at(day, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def test_the_window_expiring_lifts_the_measures_once(
    platform, platform_user, django_capture_on_commit_callbacks
):
    # given a case whose window ends on its deadline
    case = window_open_case(platform, platform_user)
    last_day = case.deadline
    assert last_day is not None

    # when the job runs on the last day of the window, then nothing happens
    assert deadlines_run(now=_at(last_day, 23))["measures_lifted"] == 0
    case.refresh_from_db()
    assert case.status == CaseStatus.WINDOW_OPEN

    # when it runs the day after, twice
    with django_capture_on_commit_callbacks(execute=True):
        first = deadlines_run(now=_at(last_day + timedelta(days=1)))
        second = deadlines_run(now=_at(last_day + timedelta(days=1), 10))

    # then the measures are lifted once and the listings restored
    assert (first["measures_lifted"], second["measures_lifted"]) == (1, 0)
    case.refresh_from_db()
    assert (case.status, case.closure, case.outcome) == (
        CaseStatus.CLOSED,
        CaseClosure.RESTORED,
        CaseOutcome.RESTORED,
    )
    assert set(case.listings.values_list("status", flat=True)) == {ListingStatus.RESTORED}
    assert AuditEntry.objects.filter(case_id=case.pk, action="measures_lifted").count() == 1
    assert AuditEntry.objects.filter(case_id=case.pk, action="listing_restored").count() == 1
    assert len([m for m in mail.outbox if case.store.contact_email in m.to and "restored" in m.subject]) == 1


def test_an_unanswered_information_request_lapses_at_its_deadline(platform, platform_user):
    case = case_on(platform)
    request = information_request(case_id=case.pk, actor=platform_user, question="Invoice?")

    assert deadlines_run(now=_at(request.due_on))["information_lapsed"] == 0
    counts = deadlines_run(now=_at(request.due_on + timedelta(days=1)))

    assert counts["information_lapsed"] == 1
    case.refresh_from_db()
    assert (case.status, case.closure) == (CaseStatus.CLOSED, CaseClosure.INFORMATION_LAPSED)


def test_no_counter_notice_by_the_deadline_closes_the_case_with_measures_standing(platform, platform_user):
    case = decided_case(platform, platform_user)
    assert case.deadline is not None

    counts = deadlines_run(now=_at(case.deadline + timedelta(days=1)))

    assert counts["closed_without_counter_notice"] == 1
    case.refresh_from_db()
    assert (case.status, case.closure) == (CaseStatus.CLOSED, CaseClosure.NO_COUNTER_NOTICE)
    assert set(case.listings.values_list("status", flat=True)) == {ListingStatus.TAKEN_DOWN}


def test_a_reminder_is_sent_once_before_the_deadline(platform, platform_user):
    case = case_on(platform, deadline=timezone.localdate() + timedelta(days=1))
    today = _at(timezone.localdate())

    first = deadlines_run(now=today)
    second = deadlines_run(now=today)

    assert (first["reminders_sent"], second["reminders_sent"]) == (1, 0)
    assert Notification.objects.filter(organisation=platform.organisation, case_id=case.pk).count() == 1


def test_an_overdue_case_is_marked_once_and_shown_overdue(platform, platform_user, login):
    case = case_on(platform, deadline=timezone.localdate() - timedelta(days=2))

    first = deadlines_run()
    second = deadlines_run()

    assert (first["marked_overdue"], second["marked_overdue"]) == (1, 0)
    case.refresh_from_db()
    assert case.overdue_for == case.deadline
    assert AuditEntry.objects.filter(case_id=case.pk, action="marked_overdue").count() == 1
    assert "overdue" in login(platform_user).get("/platform/").content.decode()


def test_the_celery_task_runs_the_job(platform, platform_user):
    from cases.tasks import run_deadlines

    case = window_open_case(platform, platform_user)
    case.deadline = timezone.localdate() - timedelta(days=1)
    case.save(update_fields=["deadline"])

    run_deadlines.delay().get()

    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.closure == CaseClosure.RESTORED


def test_the_celery_task_sends_each_modes_work_to_its_own_queue(settings, monkeypatch):
    from cases import tasks

    sent = []
    monkeypatch.setattr(
        tasks.run_mode_deadlines, "apply_async", lambda args, queue: sent.append((args, queue))
    )

    tasks.run_deadlines()

    assert sent == [
        (("platform",), "deadlines_platform"),
        (("assisted",), "deadlines_assisted"),
        (("administrative",), "deadlines_administrative"),
    ]
    assert set(settings.IPRGOV_CELERY_QUEUES) >= {queue for _, queue in sent}


def test_one_case_that_fails_does_not_stop_the_job(platform, platform_user, monkeypatch):
    from cases.services import deadlines

    broken, fine = window_open_case(platform, platform_user), window_open_case(platform, platform_user)
    for case in (broken, fine):
        case.deadline = timezone.localdate() - timedelta(days=1)
        case.save(update_fields=["deadline"])
    lift = deadlines.case_lift_measures

    def lift_or_fail(*, case_id: int, now: datetime | None = None) -> bool:
        if case_id == broken.pk:
            raise RuntimeError("a corrupt row")
        return lift(case_id=case_id, now=now)

    monkeypatch.setattr(deadlines, "case_lift_measures", lift_or_fail)

    counts = deadlines_run()

    broken.refresh_from_db()
    fine.refresh_from_db()
    assert (counts["measures_lifted"], counts["failed"]) == (1, 1)
    assert broken.status == CaseStatus.WINDOW_OPEN
    assert fine.status == CaseStatus.CLOSED
