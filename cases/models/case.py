"""The case: one respondent store's part of a complaint, and the state machine of its lifecycle."""

from typing import cast

from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, FSMField, FSMModelMixin, transition

from cases.models.routing import HandlingMode
from iprgov.day_count import DayCount


class CaseStatus(models.TextChoices):
    NEW = "new", _("Awaiting routing")
    AWAITING_PLATFORM = "awaiting_platform", _("Awaiting platform decision")
    AWAITING_OPINION = "awaiting_opinion", _("Awaiting office opinion")
    AWAITING_CONSENT = "awaiting_consent", _("Awaiting the parties' consent to administrative handling")
    AWAITING_ACCEPTANCE = "awaiting_acceptance", _("Awaiting acceptance by the office")
    AWAITING_OFFICE_DECISION = "awaiting_office_decision", _("Awaiting office decision")
    AWAITING_EXECUTION = "awaiting_execution", _("Awaiting platform execution")
    INFORMATION_REQUESTED = "information_requested", _("Information requested from the complainant")
    DECIDED = "decided", _("Decided")
    NOTICE_FORWARDED = "notice_forwarded", _("Notice forwarded to the respondent")
    COUNTER_NOTICE_RECEIVED = "counter_notice_received", _("Counter-notice received")
    WINDOW_OPEN = "window_open", _("Counter-notice forwarded: complainant's window open")
    AT_DISPUTE_BODY = "at_dispute_body", _("At a dispute-resolution body")
    AWAITING_AWARD_EXECUTION = (
        "awaiting_award_execution",
        _("Awaiting platform execution of an arbitral award"),
    )
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Before anyone has decided on the case's substance: a case in one of these can be re-routed by hand.
REROUTABLE_STATUSES = (
    CaseStatus.AWAITING_PLATFORM,
    CaseStatus.AWAITING_OPINION,
    CaseStatus.AWAITING_CONSENT,
    CaseStatus.AWAITING_ACCEPTANCE,
    CaseStatus.AWAITING_OFFICE_DECISION,
)

OPEN_STATUSES = (
    CaseStatus.NEW,
    CaseStatus.AWAITING_PLATFORM,
    CaseStatus.AWAITING_OPINION,
    CaseStatus.AWAITING_CONSENT,
    CaseStatus.AWAITING_ACCEPTANCE,
    CaseStatus.AWAITING_OFFICE_DECISION,
    CaseStatus.AWAITING_EXECUTION,
    CaseStatus.INFORMATION_REQUESTED,
    CaseStatus.NOTICE_FORWARDED,
    CaseStatus.COUNTER_NOTICE_RECEIVED,
    CaseStatus.WINDOW_OPEN,
    CaseStatus.AT_DISPUTE_BODY,
    CaseStatus.AWAITING_AWARD_EXECUTION,
)
# Statuses in which the platform must act next (the queue's "needs action"; overdue is marked on these).


PLATFORM_ACTION_STATUSES = (
    CaseStatus.AWAITING_PLATFORM,
    CaseStatus.AWAITING_EXECUTION,
    CaseStatus.COUNTER_NOTICE_RECEIVED,
    CaseStatus.AWAITING_AWARD_EXECUTION,
)

# A platform decision on a notice-and-takedown case that a party contests can be taken, with both parties'
# agreement, to a dispute-resolution body (disputes.services.referrals): from the notice or the rejection on.
REFERABLE_STATUSES = (
    CaseStatus.NOTICE_FORWARDED,
    CaseStatus.COUNTER_NOTICE_RECEIVED,
    CaseStatus.WINDOW_OPEN,
    CaseStatus.CLOSED,
)


STATUS_AFTER_ROUTING = {
    HandlingMode.PLATFORM: CaseStatus.AWAITING_PLATFORM,
    HandlingMode.ASSISTED: CaseStatus.AWAITING_OPINION,
    # Administrative handling needs both parties' consent first (enforcement.services.consent).
    HandlingMode.ADMINISTRATIVE: CaseStatus.AWAITING_CONSENT,
}


class CaseOutcome(models.TextChoices):
    UPHELD = "upheld", _("Upheld (measures taken)")
    NOT_UPHELD = "not_upheld", _("Not upheld")
    RESTORED = "restored", _("Measures lifted after a counter-notice")


class CaseClosure(models.TextChoices):
    """Why a notice-and-takedown case closed."""

    REJECTED = "rejected", _("The notice was rejected for every listing")
    INFORMATION_LAPSED = (
        "information_lapsed",
        _("The complainant did not supply the information requested in time"),
    )
    NO_COUNTER_NOTICE = "no_counter_notice", _("No counter-notice in time: the measures stand")
    FOLLOW_UP_FILED = "follow_up_filed", _("A complaint to an office or court was filed: the measures stand")
    RESTORED = "restored", _("The window expired: the measures were lifted and the listings restored")
    MEDIATED = "mediated", _("The parties reached a mediation agreement")
    EXECUTED = "executed", _("The platform executed the office's decision")
    REVIEW_REVERSED = "review_reversed", _("The platform reversed its decision on review")
    SETTLED = "settled", _("The parties settled at a dispute-resolution body")
    AWARD_EXECUTED = "award_executed", _("The platform executed an arbitral award")


# django-fsm calls a transition's conditions with the instance, typed as any Model.
def _is_upheld(case: models.Model) -> bool:
    return cast("Case", case).outcome == CaseOutcome.UPHELD


def _is_not_upheld(case: models.Model) -> bool:
    return cast("Case", case).outcome != CaseOutcome.UPHELD


def _is_notice_and_takedown(case: models.Model) -> bool:
    """Platform and assisted cases follow arts. 42–45; an administrative decision ends the case when executed."""
    return cast("Case", case).mode != HandlingMode.ADMINISTRATIVE


def _is_administrative(case: models.Model) -> bool:
    return cast("Case", case).mode == HandlingMode.ADMINISTRATIVE


def _is_contestable(case: models.Model) -> bool:
    """A platform decision stands that no dispute-resolution body has settled or awarded on yet."""
    case = cast("Case", case)
    return (
        case.mode != HandlingMode.ADMINISTRATIVE
        and case.decided_at is not None
        and case.closure
        not in (CaseClosure.INFORMATION_LAPSED, CaseClosure.SETTLED, CaseClosure.AWARD_EXECUTED)
    )


class Case(FSMModelMixin, models.Model):
    """One respondent store's part of a complaint: the unit that is routed, decided, counted and audited."""

    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.PROTECT, related_name="cases", verbose_name=_("complaint")
    )
    store = models.ForeignKey(
        "platforms.Store", on_delete=models.PROTECT, related_name="cases", verbose_name=_("respondent store")
    )
    # The complaint's filing organisation, copied when the case is made (a complaint's filer never changes):
    # the rightsholder's list walks its own cases by an index instead of every case by age.
    complainant_org = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("complainant"),
    )
    platform = models.ForeignKey(
        "platforms.Platform", on_delete=models.PROTECT, related_name="cases", verbose_name=_("platform")
    )
    status = FSMField(_("status"), default=CaseStatus.NEW, choices=CaseStatus.choices, protected=True)
    mode = models.CharField(_("handling mode"), max_length=20, choices=HandlingMode.choices, blank=True)
    office = models.ForeignKey(
        "enforcement.Office",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("office"),
    )
    routing_rule = models.ForeignKey(
        "cases.RoutingRule",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("rule"),
    )
    routing_rule_version = models.PositiveIntegerField(
        _("version of the rule"),
        null=True,
        blank=True,
        help_text=_("The rule as it was when it routed the case."),
    )
    routing_reason = models.TextField(_("why this mode"), blank=True)
    # The office the last routing chose: "why this mode" names it even after a transfer changed `office`.
    routed_office = models.ForeignKey(
        "enforcement.Office",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("office chosen by routing"),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    deadline_counts = models.CharField(
        _("deadline counted in"),
        max_length=10,
        choices=DayCount.choices,
        default=DayCount.WORKING,
        db_default=DayCount.WORKING,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    routed_at = models.DateTimeField(_("routed at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=CaseOutcome.choices, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    notice_forwarded_at = models.DateTimeField(_("notice forwarded at"), null=True, blank=True)
    closure = models.CharField(_("closed because"), max_length=30, choices=CaseClosure.choices, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    follow_up_reference = models.CharField(
        _("office or court complaint"),
        max_length=300,
        blank=True,
        help_text=_("The complaint to an office or court that keeps the measures in place."),
    )
    follow_up_case = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("linked case"),
    )
    # The deadline a reminder / an overdue mark was made for: the deadline job does each once per deadline.
    reminded_for = models.DateField(_("reminder sent for deadline"), null=True, blank=True)
    overdue_for = models.DateField(_("marked overdue for deadline"), null=True, blank=True)
    # An overdue opinion request is escalated to the office's managers once.
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    fallback_reason = models.TextField(
        _("why administrative handling fell back"),
        blank=True,
        help_text=_("Refused or expired consent, or the office declined: the case went to another mode."),
    )
    accepted_at = models.DateTimeField(_("accepted by the office at"), null=True, blank=True)
    # Listings are frozen once their complaint is submitted: the split stores how many the case holds, so a
    # list page shows the number without counting listings per row.
    listing_count = models.PositiveIntegerField(_("listings"), default=0, db_default=0)
    # Bumped by every save (case_transition saves each action): what "changed since" reads. The database
    # stamps rows written by SQL (a set-based load) itself.
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_default=Now())
    # Set while the complainant is in the platform's good-faith programme (programmes.good_faith).
    priority = models.BooleanField(_("good-faith priority"), default=False, db_default=False)
    # Set by the transition that makes an upheld case's measures final, cleared once its penalty is applied
    # (or found not due): the deadline job's penalty step reads only these rows, however many cases closed.
    penalty_due = models.BooleanField(_("penalty due"), default=False, db_default=False)

    class Meta:
        db_table = "enforcement_case"
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["complaint", "store"], name="case_one_per_store")]
        indexes = [
            models.Index(fields=["platform", "status", "deadline"]),
            models.Index(fields=["office", "status", "deadline"]),
            models.Index(fields=["store", "outcome", "decided_at"]),
            # The case lists walk these in their sort order and stop after a page (cases.case_lists):
            # the platform queue never shows unrouted cases, the office docket by default no platform-mode
            # case, and the rightsholder's list is newest first across its complaints.
            models.Index(
                fields=["platform", "deadline", "-priority", "id"],
                condition=~Q(status="new"),
                name="case_queue_deadline_priority",
            ),
            models.Index(
                fields=["platform", "created_at", "id"], condition=~Q(status="new"), name="case_queue_age"
            ),
            models.Index(
                fields=["office", "deadline", "-priority", "id"],
                condition=~Q(mode="platform"),
                name="case_docket_deadline_priority",
            ),
            models.Index(
                fields=["office", "created_at", "id"], condition=~Q(mode="platform"), name="case_docket_age"
            ),
            # The queue's "overdue" filter: the cases in which the platform must act, by deadline.
            models.Index(
                fields=["platform", "deadline", "-priority", "id"],
                condition=Q(status__in=PLATFORM_ACTION_STATUSES),
                name="case_queue_action_priority",
            ),
            models.Index(fields=["created_at", "id"], name="case_age"),
            models.Index(fields=["complainant_org", "created_at", "id"], name="case_complainant_age"),
            # The API lists newest first by id, through a cursor.
            models.Index(fields=["platform", "id"], name="case_api_platform"),
            models.Index(fields=["office", "id"], name="case_api_office"),
            # The periodic jobs read only candidate rows, however many cases were closed before: the
            # routing sweep the cases still new, the deadline job the open cases by their deadline.
            models.Index(
                fields=["created_at"], condition=models.Q(status=CaseStatus.NEW), name="case_new_by_created"
            ),
            models.Index(
                fields=["deadline"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="case_open_by_deadline",
            ),
            models.Index(fields=["id"], condition=models.Q(penalty_due=True), name="case_penalty_due"),
            models.Index(fields=["updated_at", "id"], name="case_updated_since"),
            # The office dashboard's overdue cases, oldest deadline first, read to the first page only.
            models.Index(
                fields=["office", "deadline", "id"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="case_office_open_by_deadline",
            ),
            # The public register, last closed first, all platforms or one: walked to the page shown.
            models.Index(
                fields=["closed_at", "id"], condition=models.Q(status=CaseStatus.CLOSED), name="case_register"
            ),
            models.Index(
                fields=["platform", "closed_at", "id"],
                condition=models.Q(status=CaseStatus.CLOSED),
                name="case_register_platform",
            ),
        ]

    def __str__(self) -> str:
        return _("Case %(number)s") % {"number": self.pk}

    @transition(field=status, source=CaseStatus.NEW, target=RETURN_VALUE(*STATUS_AFTER_ROUTING.values()))
    def mark_routed(self, mode: str) -> str:
        return STATUS_AFTER_ROUTING[HandlingMode(mode)]

    @transition(
        field=status, source=list(REROUTABLE_STATUSES), target=RETURN_VALUE(*STATUS_AFTER_ROUTING.values())
    )
    def reroute(self, mode: str) -> str:
        return STATUS_AFTER_ROUTING[HandlingMode(mode)]

    @transition(field=status, source=CaseStatus.AWAITING_OPINION, target=CaseStatus.AWAITING_PLATFORM)
    def receive_opinion(self) -> None:
        pass

    @transition(field=status, source=CaseStatus.AWAITING_CONSENT, target=CaseStatus.AWAITING_ACCEPTANCE)
    def complete_consent(self) -> None:
        pass

    @transition(
        field=status,
        source=[CaseStatus.AWAITING_CONSENT, CaseStatus.AWAITING_ACCEPTANCE],
        target=RETURN_VALUE(CaseStatus.AWAITING_OPINION, CaseStatus.AWAITING_PLATFORM),
    )
    def fall_back(self, mode: str) -> str:
        return STATUS_AFTER_ROUTING[HandlingMode(mode)]

    @transition(
        field=status, source=CaseStatus.AWAITING_ACCEPTANCE, target=CaseStatus.AWAITING_OFFICE_DECISION
    )
    def accept(self) -> None:
        pass

    @transition(field=status, source=CaseStatus.AWAITING_OFFICE_DECISION, target=CaseStatus.CLOSED)
    def close_mediated(self) -> None:
        self.closure = CaseClosure.MEDIATED

    @transition(
        field=status, source=CaseStatus.AWAITING_OFFICE_DECISION, target=CaseStatus.AWAITING_EXECUTION
    )
    def receive_office_decision(self) -> None:
        pass

    @transition(
        field=status, source=CaseStatus.DECIDED, target=CaseStatus.CLOSED, conditions=[_is_administrative]
    )
    def confirm_execution(self) -> None:
        self.closure = CaseClosure.EXECUTED

    @transition(
        field=status,
        source=[CaseStatus.AWAITING_PLATFORM, CaseStatus.AWAITING_EXECUTION],
        target=CaseStatus.DECIDED,
    )
    def mark_decided(self) -> None:
        # An executed office decision is final: no notice-and-takedown steps follow.
        self.penalty_due = _is_administrative(self) and _is_upheld(self)

    @transition(field=status, source=CaseStatus.AWAITING_PLATFORM, target=CaseStatus.INFORMATION_REQUESTED)
    def request_information(self) -> None:
        pass

    @transition(field=status, source=CaseStatus.INFORMATION_REQUESTED, target=CaseStatus.AWAITING_PLATFORM)
    def supply_information(self) -> None:
        pass

    @transition(field=status, source=CaseStatus.INFORMATION_REQUESTED, target=CaseStatus.CLOSED)
    def lapse_information(self) -> None:
        self.closure = CaseClosure.INFORMATION_LAPSED

    @transition(
        field=status,
        source=CaseStatus.DECIDED,
        target=CaseStatus.NOTICE_FORWARDED,
        conditions=[_is_upheld, _is_notice_and_takedown],
    )
    def forward_notice(self) -> None:
        pass

    @transition(
        field=status,
        source=CaseStatus.DECIDED,
        target=CaseStatus.CLOSED,
        conditions=[_is_not_upheld, _is_notice_and_takedown],
    )
    def close_rejected(self) -> None:
        self.closure = CaseClosure.REJECTED

    @transition(field=status, source=CaseStatus.NOTICE_FORWARDED, target=CaseStatus.COUNTER_NOTICE_RECEIVED)
    def receive_counter_notice(self) -> None:
        pass

    @transition(field=status, source=CaseStatus.NOTICE_FORWARDED, target=CaseStatus.CLOSED)
    def close_without_counter_notice(self) -> None:
        self.closure = CaseClosure.NO_COUNTER_NOTICE
        self.penalty_due = _is_upheld(self)

    @transition(field=status, source=CaseStatus.COUNTER_NOTICE_RECEIVED, target=CaseStatus.WINDOW_OPEN)
    def forward_counter_notice(self) -> None:
        pass

    @transition(field=status, source=CaseStatus.WINDOW_OPEN, target=CaseStatus.CLOSED)
    def record_follow_up(self) -> None:
        self.closure = CaseClosure.FOLLOW_UP_FILED
        self.penalty_due = _is_upheld(self)

    @transition(field=status, source=CaseStatus.WINDOW_OPEN, target=CaseStatus.CLOSED)
    def lift_measures(self) -> None:
        self.closure = CaseClosure.RESTORED
        self.outcome = CaseOutcome.RESTORED

    # A decision reversed on review (DSA art. 20) ends the notice-and-takedown steps that rested on it; the
    # service sets the outcome the reversal leads to and the listings' new state.
    @transition(
        field=status,
        source=[
            CaseStatus.NOTICE_FORWARDED,
            CaseStatus.COUNTER_NOTICE_RECEIVED,
            CaseStatus.WINDOW_OPEN,
            CaseStatus.CLOSED,
        ],
        target=CaseStatus.CLOSED,
        conditions=[_is_notice_and_takedown],
    )
    def reverse_on_review(self) -> None:
        self.closure = CaseClosure.REVIEW_REVERSED

    # Both parties agreed to take the dispute to a body: the case is (re)opened there, whatever the
    # notice-and-takedown step it was at; the body's time limit replaces that step's deadline.
    @transition(
        field=status,
        source=list(REFERABLE_STATUSES),
        target=CaseStatus.AT_DISPUTE_BODY,
        conditions=[_is_contestable],
    )
    def refer_to_body(self) -> None:
        self.closure = ""
        self.closed_at = None

    @transition(field=status, source=CaseStatus.AT_DISPUTE_BODY, target=CaseStatus.CLOSED)
    def settle(self) -> None:
        self.closure = CaseClosure.SETTLED

    @transition(field=status, source=CaseStatus.AT_DISPUTE_BODY, target=CaseStatus.AWAITING_AWARD_EXECUTION)
    def receive_award(self) -> None:
        pass

    @transition(field=status, source=CaseStatus.AWAITING_AWARD_EXECUTION, target=CaseStatus.CLOSED)
    def execute_award(self) -> None:
        self.closure = CaseClosure.AWARD_EXECUTED

    @transition(field=status, source=list(OPEN_STATUSES), target=CaseStatus.WITHDRAWN)
    def withdraw(self) -> None:
        pass

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def window_is_open(self) -> bool:
        """The complainant's window after a counter-notice is running (its end is the deadline)."""
        return self.status == CaseStatus.WINDOW_OPEN

    @property
    def awaits_platform(self) -> bool:
        """The platform must act next (the queue marks these overdue once their deadline passed)."""
        return self.status in PLATFORM_ACTION_STATUSES
