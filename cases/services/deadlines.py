"""The periodic deadline job: lapse, lift, close, remind, mark overdue, apply penalties.

Every step re-reads the case under a lock and checks the status and the deadline again, and reminders
and overdue marks remember the deadline they were made for; so running the job twice (or two beat
processes at once) does the same as running it once.
"""

import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.mail import mail_user
from accounts.models import Role, User
from audit.actors import SYSTEM
from cases.actions import CaseAction
from cases.models import OPEN_STATUSES, PLATFORM_ACTION_STATUSES, Case, CaseStatus
from cases.services.consent import consents_expire
from cases.services.notice_and_takedown import (
    case_close_without_counter_notice,
    case_lift_measures,
    information_lapse,
)
from cases.services.penalties import cases_awaiting_penalty, penalty_apply
from cases.transition import case_transition
from enforcement.working_days import add_working_days

log = logging.getLogger(__name__)

OFFICE_STATUSES = (
    CaseStatus.AWAITING_OPINION,
    CaseStatus.AWAITING_ACCEPTANCE,
    CaseStatus.AWAITING_OFFICE_DECISION,
)
# The statuses whose deadline binds an organisation that must act, and so are marked overdue once it passed:
# the platform's, the office's, and the dispute-resolution body's published time limit.
OVERDUE_MARKED = PLATFORM_ACTION_STATUSES + OFFICE_STATUSES + (CaseStatus.AT_DISPUTE_BODY,)


def _each(step: str, case_ids: Iterable[int], do: Callable[[int], bool], failed: list[int]) -> int:
    """Run one step for each case, each in its own transaction; a case that fails is logged and left
    for the next run, and never stops the others. Returns how many cases the step changed."""
    done = 0
    for case_id in case_ids:
        try:
            done += bool(do(case_id))
        except Exception:  # noqa: BLE001 — any failure of one case; the others must still be handled
            log.exception("Deadline step %s failed for case %s; the job goes on.", step, case_id)
            failed.append(case_id)
    return done


def deadlines_run(*, now: datetime | None = None, mode: str | None = None) -> dict[str, int]:
    """Do everything that is due at `now` (default: the current time) for the cases of one handling mode
    (all modes when None); returns counts per step, with `failed` for the cases left for the next run."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    cases = Case.objects.filter(mode=mode) if mode else Case.objects.all()
    due = cases.filter(deadline__lt=today).order_by("pk")
    remind_until = add_working_days(today, settings.IPRGOV_REMINDER_WORKING_DAYS)
    failed: list[int] = []

    def ids(queryset: QuerySet[Case]) -> list[int]:
        return list(queryset.values_list("pk", flat=True))

    steps: list[tuple[str, QuerySet[Case], Callable[[int], bool]]] = [
        (
            "information_lapsed",
            due.filter(status=CaseStatus.INFORMATION_REQUESTED),
            partial(_by_id, information_lapse, now),
        ),
        (
            "measures_lifted",
            due.filter(status=CaseStatus.WINDOW_OPEN),
            partial(_by_id, case_lift_measures, now),
        ),
        (
            "closed_without_counter_notice",
            due.filter(status=CaseStatus.NOTICE_FORWARDED),
            partial(_by_id, case_close_without_counter_notice, now),
        ),
        (
            "consents_expired",
            due.filter(status=CaseStatus.AWAITING_CONSENT),
            partial(_by_id, consents_expire, now),
        ),
        (
            "opinions_escalated",
            due.filter(status=CaseStatus.AWAITING_OPINION, escalated_at=None),
            partial(_by_id, opinion_escalate, now),
        ),
        (
            "penalties_applied",
            cases_awaiting_penalty(mode=mode),
            lambda case_id: penalty_apply(case_id=case_id) is not None,
        ),
        (
            "reminders_sent",
            cases.filter(status__in=OPEN_STATUSES, deadline__gte=today, deadline__lte=remind_until).order_by(
                "pk"
            ),
            partial(_by_id, case_remind, now),
        ),
        (
            "marked_overdue",
            cases.filter(status__in=OVERDUE_MARKED, deadline__lt=today).order_by("pk"),
            partial(_by_id, case_mark_overdue, now),
        ),
    ]
    counts = {name: _each(name, ids(queryset), do, failed) for name, queryset, do in steps}
    counts["failed"] = len(failed)
    return counts


def _by_id(step: Callable[..., bool], now: datetime, case_id: int) -> bool:
    return step(case_id=case_id, now=now)


@transaction.atomic
def case_remind(*, case_id: int, now: datetime | None = None) -> bool:
    """Remind whoever must act that the deadline is near; once per deadline."""
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("platform__organisation", "office__organisation", "complaint__filed_by_org", "store")
        .get(pk=case_id)
    )
    if case.status not in OPEN_STATUSES or case.deadline is None or case.reminded_for == case.deadline:
        return False
    case.reminded_for = case.deadline
    case.save(update_fields=["reminded_for"])
    case_transition(case=case, actor=SYSTEM, action=CaseAction.REMINDER_SENT, note=case.deadline.isoformat())
    return True


@transaction.atomic
def case_mark_overdue(*, case_id: int, now: datetime | None = None) -> bool:
    """Mark a case whose deadline passed with the platform, the office or the dispute body still to act; once
    per deadline."""
    today = timezone.localdate(now or timezone.now())
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("platform__organisation", "office__organisation")
        .get(pk=case_id)
    )
    if (
        case.status not in OVERDUE_MARKED
        or case.deadline is None
        or case.deadline >= today
        or case.overdue_for == case.deadline
    ):
        return False
    case.overdue_for = case.deadline
    case.save(update_fields=["overdue_for"])
    case_transition(case=case, actor=SYSTEM, action=CaseAction.MARKED_OVERDUE, note=case.deadline.isoformat())
    return True


@transaction.atomic
def opinion_escalate(*, case_id: int, now: datetime | None = None) -> bool:
    """An opinion request past its deadline is escalated to the office's managers; once per case."""
    now = now or timezone.now()
    case = Case.objects.select_for_update(of=("self",)).select_related("office__organisation").get(pk=case_id)
    if (
        case.status != CaseStatus.AWAITING_OPINION
        or case.escalated_at is not None
        or case.office is None
        or case.deadline is None
        or case.deadline >= timezone.localdate(now)
    ):
        return False
    case.escalated_at = now
    case.save(update_fields=["escalated_at"])
    case_transition(
        case=case, actor=SYSTEM, action=CaseAction.OPINION_ESCALATED, note=case.deadline.isoformat()
    )
    build = partial(_escalation_message, case.pk, case.deadline)
    for manager in User.objects.filter(
        membership__organisation=case.office.organisation, membership__role=Role.MANAGER, is_active=True
    ).exclude(email=""):
        transaction.on_commit(partial(mail_user, manager, build))
    return True


def _escalation_message(case_id: int, deadline) -> tuple[str, str]:
    return (
        _("Escalated: the opinion on case %(number)s is overdue") % {"number": case_id},
        _("The determination opinion was due on %(date)s. Assign an official or issue it now.")
        % {"date": date_format(deadline, "DATE_FORMAT")},
    )
