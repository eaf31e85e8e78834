"""What each case action adds to the daily figures: one function, used by the event receiver and by the
rebuild from the audit trail, so both count alike."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from audit.models import ActorKind
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
    REVIEW_ANSWER_HOURS = "review_answer_hours", _("Time to answer a review")


@dataclass(frozen=True)
class DisputeStep:
    """A step of a dispute beyond the first decision that the statistics count: the figure it adds 1 to, its
    heading and its public definition. `by`: counted only when an actor of that kind took the step."""

    action: CaseAction
    figure: str
    label: Promise
    definition: Promise
    by: str = ""

    def counts(self, action: str, actor_kind: str) -> bool:
        return action == self.action and self.by in ("", actor_kind)


# The dispute steps counted, in the order the tables show them. A further step (a referral to mediation,
# arbitration or law enforcement, its outcome) is one line here: its figure is counted by the case events and
# by `rebuild_statistics`, and shown on the transparency page, in its JSON and CSV and on the supervision
# dashboard.
DISPUTE_STEPS: tuple[DisputeStep, ...] = (
    # The complainant asks through an account, the respondent through its signed link.
    DisputeStep(
        CaseAction.REVIEW_REQUESTED,
        "reviews_by_complainants",
        _("Reviews asked by complainants"),
        _("Requests by complainants that the platform review its rejection of their notice (DSA art. 20)."),
        by=ActorKind.USER,
    ),
    DisputeStep(
        CaseAction.REVIEW_REQUESTED,
        "reviews_by_respondents",
        _("Reviews asked by respondents"),
        _("Requests by respondents that the platform review a measure taken against their listings."),
        by=ActorKind.RESPONDENT,
    ),
    DisputeStep(
        CaseAction.REVIEW_CONFIRMED,
        "reviews_confirmed",
        _("Reviews: decision confirmed"),
        _("Reviews in which someone other than the first decider confirmed the platform's decision."),
    ),
    DisputeStep(
        CaseAction.REVIEW_REVERSED,
        "reviews_reversed",
        _("Reviews: decision reversed"),
        _(
            "Reviews that reversed the platform's decision: the measures lifted, or the rejected listings taken down."
        ),
    ),
    DisputeStep(
        CaseAction.REFERRAL_PROPOSED,
        "referrals_proposed",
        _("Referrals to a dispute-resolution body proposed"),
        _(
            "Proposals by either party to take the dispute to a mediation centre or an arbitration commission."
        ),
    ),
    DisputeStep(
        CaseAction.REFERRAL_ACCEPTED,
        "referrals_accepted",
        _("Referrals accepted by the other party"),
        _("Proposals the other party accepted: the case went to the dispute-resolution body."),
    ),
    DisputeStep(
        CaseAction.REFERRAL_REFUSED,
        "referrals_refused",
        _("Referrals refused by the other party"),
        _("Proposals the other party refused: the case stayed where it was."),
    ),
    DisputeStep(
        CaseAction.SETTLEMENT_RECORDED,
        "settlements",
        _("Settlements at a dispute-resolution body"),
        _("Cases closed by a settlement the parties reached at a mediation centre or another body."),
    ),
    DisputeStep(
        CaseAction.AWARD_ISSUED,
        "awards",
        _("Arbitral awards"),
        _("Awards issued by an arbitration commission or another body, with their measures on the listings."),
    ),
    DisputeStep(
        CaseAction.AWARD_EXECUTED,
        "awards_executed",
        _("Awards executed by the platform"),
        _("Awards whose measures the platform carried out, closing the case."),
    ),
    DisputeStep(
        CaseAction.REFERRED_TO_LAW_ENFORCEMENT,
        "law_enforcement_referrals",
        _("Cases referred to law enforcement"),
        _("Cases a platform or an office referred to a market-regulation or public-security authority."),
    ),
    DisputeStep(
        CaseAction.INVESTIGATION_OPENED,
        "investigations_opened",
        _("Law enforcement: investigations opened"),
        _("Referred cases in which the authority reported that it opened an investigation."),
    ),
    DisputeStep(
        CaseAction.GOODS_SEIZED,
        "goods_seized",
        _("Law enforcement: seizures of goods"),
        _(
            "Reports by the authority that goods were seized, for the cases referred (one case may have several)."
        ),
    ),
    DisputeStep(
        CaseAction.ENFORCEMENT_CLOSED,
        "law_enforcement_closed",
        _("Law enforcement: cases closed"),
        _("Referred cases that the authority reported as closed."),
    ),
)
# The answers to a review: their time is counted from the request they answer.
REVIEW_ANSWERS = (CaseAction.REVIEW_CONFIRMED, CaseAction.REVIEW_REVERSED)


# Upper bounds (hours) of the duration buckets; the last bucket holds everything longer. Percentiles are
# read from the buckets, so a median is "within 24 hours", good to one bucket.
HOUR_BUCKETS = (1, 4, 8, 24, 48, 72, 120, 168, 336, 720)
DURATIONS = (
    Figure.DECIDE_HOURS,
    Figure.OPINION_HOURS,
    Figure.ACCEPT_HOURS,
    Figure.ADMIN_DECISION_HOURS,
    Figure.REVIEW_ANSWER_HOURS,
)

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
FIGURE_ACTIONS = frozenset({*COUNTED, *TIMED, CaseAction.ROUTED, *(step.action for step in DISPUTE_STEPS)})


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


def figures_of(
    *,
    facts: CaseFacts,
    action: CaseAction,
    at: datetime,
    late: bool,
    actor_kind: str = "",
    asked_at: datetime | None = None,
) -> list[Key]:
    """The figures one action adds 1 to (each Key once, its count is the caller's to add; LISTINGS
    counts the case's listings, so it appears once per listing).

    `late`: the step was taken after the deadline of whoever took it. `actor_kind`: who took it (its audit
    entry's). `asked_at`: for the answer to a review, when the review was asked."""
    day = timezone.localdate(at)

    def key(figure: str, bucket: int = 0) -> Key:
        return Key(day, facts.platform_pk, facts.office_pk, facts.right_type, facts.mode, figure, bucket)

    steps = [key(step.figure) for step in DISPUTE_STEPS if step.counts(action, actor_kind)]
    if steps:
        bucket = hour_bucket(asked_at, at) if action in REVIEW_ANSWERS else None
        return steps if bucket is None else [*steps, key(Figure.REVIEW_ANSWER_HOURS, bucket)]
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
