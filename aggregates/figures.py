"""What each case action adds to the daily figures: one function, used by the event receiver and by the
rebuild from the audit trail, so both count alike."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.actions import CaseAction
from cases.models import CaseOutcome


class Figure(models.TextChoices):
    NOTICES = "notices", _("Notices received")
    CASES = "cases", _("Cases")
    LISTINGS = "listings", _("Listings notified")
    DECIDED = "decided", _("Cases decided")
    MEASURES = "measures", _("Measures taken")
    REJECTIONS = "rejections", _("Rejections")
    DECIDED_IN_TIME = "decided_in_time", _("Decided within the deadline")
    DECIDE_HOURS = "decide_hours", _("Time to decide")
    COUNTER_NOTICES = "counter_notices", _("Counter-notices")
    RESTORATIONS = "restorations", _("Restorations")
    WITHDRAWALS = "withdrawals", _("Withdrawals")
    OPINIONS = "opinions", _("Determination opinions issued")
    OPINIONS_IN_TIME = "opinions_in_time", _("Opinions within the office's deadline")
    OPINION_HOURS = "opinion_hours", _("Opinion turnaround")
    ADMIN_ACCEPTED = "admin_accepted", _("Administrative cases accepted")
    ACCEPT_HOURS = "accept_hours", _("Time to accept")
    ADMIN_DECIDED = "admin_decided", _("Administrative decisions issued")
    ADMIN_DECIDED_IN_TIME = "admin_decided_in_time", _("Administrative decisions within the deadline")
    ADMIN_DECISION_HOURS = "admin_decision_hours", _("Time to an administrative decision")
    MEDIATIONS_AGREED = "mediations_agreed", _("Mediations that reached an agreement")
    MEDIATIONS_FAILED = "mediations_failed", _("Mediations that failed")
    TRANSFERS_ASKED = "transfers_asked", _("Transfers asked")
    TRANSFERS_ANSWERED = "transfers_answered", _("Transfers answered")
    ASSISTANCE_ASKED = "assistance_asked", _("Assistance asked")
    ASSISTANCE_ANSWERED = "assistance_answered", _("Assistance answered")


# Upper bounds (hours) of the duration buckets; the last bucket holds everything longer. Percentiles are
# read from the buckets, so a median is "within 24 hours", good to one bucket.
HOUR_BUCKETS = (1, 4, 8, 24, 48, 72, 120, 168, 336, 720)
DURATIONS = (Figure.DECIDE_HOURS, Figure.OPINION_HOURS, Figure.ACCEPT_HOURS, Figure.ADMIN_DECISION_HOURS)

# Actions that only count once: the figure they add to.
COUNTED = {
    CaseAction.COUNTER_NOTICE_RECEIVED: Figure.COUNTER_NOTICES,
    CaseAction.MEASURES_LIFTED: Figure.RESTORATIONS,
    CaseAction.WITHDRAWN: Figure.WITHDRAWALS,
    CaseAction.MEDIATION_AGREEMENT: Figure.MEDIATIONS_AGREED,
    CaseAction.MEDIATION_FAILED: Figure.MEDIATIONS_FAILED,
    CaseAction.TRANSFER_REQUESTED: Figure.TRANSFERS_ASKED,
    CaseAction.TRANSFER_ACCEPTED: Figure.TRANSFERS_ANSWERED,
    CaseAction.TRANSFER_DECLINED: Figure.TRANSFERS_ANSWERED,
    CaseAction.ASSISTANCE_REQUESTED: Figure.ASSISTANCE_ASKED,
    CaseAction.ASSISTANCE_ANSWERED: Figure.ASSISTANCE_ANSWERED,
    CaseAction.ASSISTANCE_DECLINED: Figure.ASSISTANCE_ANSWERED,
}
# Actions that take a step with a deadline and a duration: the count, the count within the deadline (None:
# no deadline), the duration's figure and the case's field the duration starts from.
TIMED: dict[CaseAction, tuple[Figure, Figure | None, Figure, str]] = {
    CaseAction.DECIDED: (Figure.DECIDED, Figure.DECIDED_IN_TIME, Figure.DECIDE_HOURS, "routed_at"),
    CaseAction.OPINION_ISSUED: (Figure.OPINIONS, Figure.OPINIONS_IN_TIME, Figure.OPINION_HOURS, "routed_at"),
    CaseAction.ACCEPTED: (Figure.ADMIN_ACCEPTED, None, Figure.ACCEPT_HOURS, "routed_at"),
    CaseAction.DECISION_ISSUED: (
        Figure.ADMIN_DECIDED,
        Figure.ADMIN_DECIDED_IN_TIME,
        Figure.ADMIN_DECISION_HOURS,
        "accepted_at",
    ),
}
# Every action that adds to a figure: the receiver ignores the others without a query.
FIGURE_ACTIONS = frozenset({*COUNTED, *TIMED, CaseAction.ROUTED})


def hour_bucket(start: datetime | None, end: datetime) -> int | None:
    """The bucket of a duration; None when its start is unknown."""
    if start is None:
        return None
    hours = max((end - start).total_seconds(), 0) / 3600
    return next((i for i, bound in enumerate(HOUR_BUCKETS) if hours <= bound), len(HOUR_BUCKETS))


@dataclass(frozen=True)
class Key:
    day: date
    platform_pk: int
    office_pk: int
    right_type: str
    mode: str
    figure: str
    bucket: int = 0


@dataclass(frozen=True)
class CaseFacts:
    """What the figures read of a case: its keys and the times its durations start from."""

    platform_pk: int
    office_pk: int
    right_type: str
    mode: str
    routed_at: datetime | None
    accepted_at: datetime | None
    outcome: str
    listings: int
    first_of_complaint: bool


def figures_of(*, facts: CaseFacts, action: CaseAction, at: datetime, late: bool) -> list[Key]:
    """The figures one action adds 1 to (each Key once, its count is the caller's to add; LISTINGS
    counts the case's listings, so it appears once per listing).

    `late`: the step was taken after the deadline of whoever took it."""
    day = timezone.localdate(at)

    def key(figure: Figure, bucket: int = 0) -> Key:
        return Key(day, facts.platform_pk, facts.office_pk, facts.right_type, facts.mode, figure, bucket)

    if action in COUNTED:
        return [key(COUNTED[action])]
    if action == CaseAction.ROUTED:
        notice = [key(Figure.NOTICES)] if facts.first_of_complaint else []
        return [key(Figure.CASES), *[key(Figure.LISTINGS)] * facts.listings, *notice]
    if action not in TIMED:
        return []
    count, in_time, hours, start = TIMED[action]
    keys = [key(count)]
    if action == CaseAction.DECIDED:
        keys.append(key(Figure.MEASURES if facts.outcome == CaseOutcome.UPHELD else Figure.REJECTIONS))
    if in_time is not None and not late:
        keys.append(key(in_time))
    bucket = hour_bucket(getattr(facts, start), at)
    if bucket is not None:
        keys.append(key(hours, bucket))
    return keys
