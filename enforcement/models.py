from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, FSMField, FSMModelMixin, transition

from complaints.models import InfringementType, RightType
from iprgov.abstract_models import AnsweredRequest


class Region(models.Model):
    """An administrative division (province, city, district); offices serve regions."""

    code = models.CharField(_("division code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=120)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("parent")
    )

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Office(models.Model):
    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="office", verbose_name=_("organisation")
    )
    regions = models.ManyToManyField(Region, related_name="offices", verbose_name=_("regions served"))
    opinion_deadline_days = models.PositiveSmallIntegerField(_("opinion deadline (working days)"), default=2)

    class Meta:
        verbose_name = _("IPR office")
        verbose_name_plural = _("IPR offices")
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return self.organisation.name

    @property
    def name(self) -> str:
        return self.organisation.name


class CalendarDay(models.Model):
    """An exception to the Monday–Friday week: a public holiday, or a weekend made a working day."""

    date = models.DateField(_("date"), unique=True)
    is_working_day = models.BooleanField(_("working day"))
    note = models.CharField(_("note"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} ({self.note})"


class HandlingMode(models.TextChoices):
    PLATFORM = "platform", _("Platform handling")
    ASSISTED = "assisted", _("Platform handling with office opinion")
    ADMINISTRATIVE = "administrative", _("Administrative handling by the office")


class Jurisdiction(models.TextChoices):
    PLATFORM_REGION = "platform_region", _("Office of the platform's registered region")
    RESPONDENT_REGION = "respondent_region", _("Office of the respondent's region")


class RoutingRule(models.Model):
    """One row of the ordered routing table. Empty conditions match anything; first match wins."""

    position = models.PositiveIntegerField(_("position"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    is_active = models.BooleanField(_("active"), default=True)
    right_types = models.JSONField(
        _("right types"), default=list, blank=True, help_text=_("Any of these right types; empty for any.")
    )
    infringement_types = models.JSONField(
        _("infringement types"), default=list, blank=True, help_text=_("Any of these; empty for any.")
    )
    requested_administrative = models.BooleanField(
        _("complainant asked for administrative handling"), null=True, blank=True
    )
    has_evaluation_report = models.BooleanField(_("patent evaluation report supplied"), null=True, blank=True)
    min_listings = models.PositiveIntegerField(_("at least this many listings"), null=True, blank=True)
    min_upheld_cases = models.PositiveIntegerField(
        _("store has at least this many upheld cases in 12 months"), null=True, blank=True
    )
    min_penalty_points = models.PositiveIntegerField(
        _("store has at least this many penalty points"), null=True, blank=True
    )
    mode = models.CharField(_("handling mode"), max_length=20, choices=HandlingMode.choices)
    jurisdiction = models.CharField(
        _("office of jurisdiction"), max_length=20, choices=Jurisdiction.choices, default=Jurisdiction.PLATFORM_REGION
    )
    deadline_working_days = models.PositiveSmallIntegerField(_("deadline (working days)"), default=2)

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors = {}
        bad_rights = set(self.right_types or []) - set(RightType.values)
        if bad_rights:
            errors["right_types"] = _("Unknown right types: %(v)s") % {"v": ", ".join(sorted(bad_rights))}
        bad_infringements = set(self.infringement_types or []) - set(InfringementType.values)
        if bad_infringements:
            errors["infringement_types"] = _("Unknown infringement types: %(v)s") % {
                "v": ", ".join(sorted(bad_infringements))
            }
        if errors:
            raise ValidationError(errors)


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
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


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
)
# Statuses in which the platform must act next (the queue's "needs action"; overdue is marked on these).
PLATFORM_ACTION_STATUSES = (
    CaseStatus.AWAITING_PLATFORM,
    CaseStatus.AWAITING_EXECUTION,
    CaseStatus.COUNTER_NOTICE_RECEIVED,
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
    INFORMATION_LAPSED = "information_lapsed", _("The complainant did not supply the information requested in time")
    NO_COUNTER_NOTICE = "no_counter_notice", _("No counter-notice in time: the measures stand")
    FOLLOW_UP_FILED = "follow_up_filed", _("A complaint to an office or court was filed: the measures stand")
    RESTORED = "restored", _("The window expired: the measures were lifted and the listings restored")
    MEDIATED = "mediated", _("The parties reached a mediation agreement")
    EXECUTED = "executed", _("The platform executed the office's decision")


def _is_upheld(case: "Case") -> bool:
    return case.outcome == CaseOutcome.UPHELD


def _is_not_upheld(case: "Case") -> bool:
    return case.outcome != CaseOutcome.UPHELD


def _is_notice_and_takedown(case: "Case") -> bool:
    """Platform and assisted cases follow arts. 42–45; an administrative decision ends the case when executed."""
    return case.mode != HandlingMode.ADMINISTRATIVE


def _is_administrative(case: "Case") -> bool:
    return case.mode == HandlingMode.ADMINISTRATIVE


class Case(FSMModelMixin, models.Model):
    """One respondent store's part of a complaint: the unit that is routed, decided, counted and audited."""

    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.PROTECT, related_name="cases", verbose_name=_("complaint")
    )
    store = models.ForeignKey(
        "platforms.Store", on_delete=models.PROTECT, related_name="cases", verbose_name=_("respondent store")
    )
    platform = models.ForeignKey(
        "platforms.Platform", on_delete=models.PROTECT, related_name="cases", verbose_name=_("platform")
    )
    status = FSMField(_("status"), default=CaseStatus.NEW, choices=CaseStatus.choices, protected=True)
    mode = models.CharField(_("handling mode"), max_length=20, choices=HandlingMode.choices, blank=True)
    office = models.ForeignKey(
        Office, null=True, blank=True, on_delete=models.PROTECT, related_name="cases", verbose_name=_("office")
    )
    routing_rule = models.ForeignKey(
        RoutingRule, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("rule")
    )
    routing_reason = models.TextField(_("why this mode"), blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    routed_at = models.DateTimeField(_("routed at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=CaseOutcome.choices, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    notice_forwarded_at = models.DateTimeField(_("notice forwarded at"), null=True, blank=True)
    closure = models.CharField(_("closed because"), max_length=30, choices=CaseClosure.choices, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    follow_up_reference = models.CharField(
        _("office or court complaint"), max_length=300, blank=True,
        help_text=_("The complaint to an office or court that keeps the measures in place."),
    )
    follow_up_case = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("linked case")
    )
    # The deadline a reminder / an overdue mark was made for: the deadline job does each once per deadline.
    reminded_for = models.DateField(_("reminder sent for deadline"), null=True, blank=True)
    overdue_for = models.DateField(_("marked overdue for deadline"), null=True, blank=True)
    # An overdue opinion request is escalated to the office's managers once.
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    fallback_reason = models.TextField(
        _("why administrative handling fell back"), blank=True,
        help_text=_("Refused or expired consent, or the office declined: the case went to another mode."),
    )
    accepted_at = models.DateTimeField(_("accepted by the office at"), null=True, blank=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["complaint", "store"], name="case_one_per_store")]
        indexes = [
            models.Index(fields=["platform", "status", "deadline"]),
            models.Index(fields=["office", "status", "deadline"]),
            models.Index(fields=["store", "outcome", "decided_at"]),
        ]

    def __str__(self) -> str:
        return _("Case %(number)s") % {"number": self.pk}

    @transition(field=status, source=CaseStatus.NEW, target=RETURN_VALUE(*STATUS_AFTER_ROUTING.values()))
    def mark_routed(self, mode: str) -> str:
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

    @transition(field=status, source=CaseStatus.AWAITING_ACCEPTANCE, target=CaseStatus.AWAITING_OFFICE_DECISION)
    def accept(self) -> None:
        pass

    @transition(field=status, source=CaseStatus.AWAITING_OFFICE_DECISION, target=CaseStatus.CLOSED)
    def close_mediated(self) -> None:
        self.closure = CaseClosure.MEDIATED

    @transition(field=status, source=CaseStatus.AWAITING_OFFICE_DECISION, target=CaseStatus.AWAITING_EXECUTION)
    def receive_office_decision(self) -> None:
        pass

    @transition(
        field=status, source=CaseStatus.DECIDED, target=CaseStatus.CLOSED, conditions=[_is_administrative]
    )
    def confirm_execution(self) -> None:
        self.closure = CaseClosure.EXECUTED

    @transition(
        field=status, source=[CaseStatus.AWAITING_PLATFORM, CaseStatus.AWAITING_EXECUTION], target=CaseStatus.DECIDED
    )
    def mark_decided(self) -> None:
        pass

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
        field=status, source=CaseStatus.DECIDED, target=CaseStatus.NOTICE_FORWARDED,
        conditions=[_is_upheld, _is_notice_and_takedown],
    )
    def forward_notice(self) -> None:
        pass

    @transition(
        field=status, source=CaseStatus.DECIDED, target=CaseStatus.CLOSED,
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

    @transition(field=status, source=CaseStatus.COUNTER_NOTICE_RECEIVED, target=CaseStatus.WINDOW_OPEN)
    def forward_counter_notice(self) -> None:
        pass

    @transition(field=status, source=CaseStatus.WINDOW_OPEN, target=CaseStatus.CLOSED)
    def record_follow_up(self) -> None:
        self.closure = CaseClosure.FOLLOW_UP_FILED

    @transition(field=status, source=CaseStatus.WINDOW_OPEN, target=CaseStatus.CLOSED)
    def lift_measures(self) -> None:
        self.closure = CaseClosure.RESTORED
        self.outcome = CaseOutcome.RESTORED

    @transition(field=status, source=list(OPEN_STATUSES), target=CaseStatus.WITHDRAWN)
    def withdraw(self) -> None:
        pass

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def awaits_platform(self) -> bool:
        """The platform must act next (the queue marks these overdue once their deadline passed)."""
        return self.status in PLATFORM_ACTION_STATUSES


class OpinionOutcome(models.TextChoices):
    INFRINGING = "infringing", _("Infringing")
    NOT_INFRINGING = "not_infringing", _("Not infringing")
    CANNOT_DETERMINE = "cannot_determine", _("Cannot determine")


class DeterminationOpinion(models.Model):
    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="opinion", verbose_name=_("case"))
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="opinions", verbose_name=_("office"))
    official = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("official")
    )
    outcome = models.CharField(_("opinion"), max_length=20, choices=OpinionOutcome.choices)
    reasoning = models.TextField(_("reasoning"))
    technical_comparison = models.TextField(_("technical comparison notes"), blank=True)
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)

    class Meta:
        verbose_name = _("determination opinion")
        verbose_name_plural = _("determination opinions")

    def __str__(self) -> str:
        return _("Opinion on case %(number)s") % {"number": self.case_id}


class AdministrativeDecision(models.Model):
    case = models.OneToOneField(
        Case, on_delete=models.PROTECT, related_name="administrative_decision", verbose_name=_("case")
    )
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("office"))
    official = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("official")
    )
    infringement_established = models.BooleanField(_("infringement established"))
    measures_ordered = models.TextField(_("measures ordered"), blank=True)
    reasoning = models.TextField(_("reasoning"))
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)

    class Meta:
        verbose_name = _("administrative decision")
        verbose_name_plural = _("administrative decisions")

    def __str__(self) -> str:
        return _("Decision on case %(number)s") % {"number": self.case_id}


class ConsentParty(models.TextChoices):
    COMPLAINANT = "complainant", _("Complainant")
    RESPONDENT = "respondent", _("Respondent")


class ConsentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting an answer")
    GIVEN = "given", _("Consent given")
    REFUSED = "refused", _("Consent refused")
    EXPIRED = "expired", _("No answer in time")


class ConsentRequest(models.Model):
    """A party's written consent to administrative handling (one per party and case)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="consents", verbose_name=_("case"))
    party = models.CharField(_("party"), max_length=20, choices=ConsentParty.choices)
    status = models.CharField(_("status"), max_length=20, choices=ConsentStatus.choices, default=ConsentStatus.PENDING)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    due_on = models.DateField(_("answer due on"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("answered by"),
    )
    answered_by_name = models.CharField(_("answered by (name)"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("consent request")
        verbose_name_plural = _("consent requests")
        ordering = ["case", "party"]
        constraints = [models.UniqueConstraint(fields=["case", "party"], name="consent_one_per_party")]

    def __str__(self) -> str:
        return f"{self.get_party_display()}: {self.get_status_display()}"


class Assignment(models.Model):
    """An official assigned to handle an administrative case (承办人)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("case"))
    official = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_assignments", verbose_name=_("official")
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("assigned by")
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["assigned_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["case", "official"], name="assignment_once_per_official")]

    def __str__(self) -> str:
        return f"{self.official} → {self.case}"


class SessionKind(models.TextChoices):
    HEARING = "hearing", _("Hearing")
    MEDIATION = "mediation", _("Mediation")


class MediationResult(models.TextChoices):
    PENDING = "", _("Not yet recorded")
    AGREEMENT = "agreement", _("Mediation agreement reached")
    FAILED = "failed", _("Mediation failed")


class CaseSession(models.Model):
    """A hearing or a mediation session the office schedules on an administrative case."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("case"))
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind.choices)
    scheduled_for = models.DateTimeField(_("scheduled for"))
    location = models.CharField(_("place"), max_length=300)
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("scheduled by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    result = models.CharField(_("result"), max_length=20, choices=MediationResult.choices, blank=True)
    result_text = models.TextField(
        _("agreement or reason for failure"), blank=True
    )
    result_recorded_at = models.DateTimeField(_("result recorded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("hearing or mediation session")
        verbose_name_plural = _("hearings and mediation sessions")
        ordering = ["scheduled_for", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.scheduled_for:%Y-%m-%d %H:%M}"


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    ANSWERED = "answered", _("Answered")


class Transfer(models.Model):
    """A request (移送) that another office take over a case; on acceptance the case's office changes."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="transfers", verbose_name=_("case"))
    from_office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="transfers_out", verbose_name=_("from office"))
    to_office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="transfers_in", verbose_name=_("to office"))
    reason = models.TextField(_("reason"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answer_reason = models.TextField(_("reason for the answer"), blank=True)

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(status="pending"), name="transfer_one_pending_per_case"
            )
        ]

    def __str__(self) -> str:
        return _("Transfer of case %(number)s") % {"number": self.case_id}


class AssistanceRequest(AnsweredRequest):
    """A request (协查) that another office help on a case, e.g. investigate in the respondent's region."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="assistance_requests", verbose_name=_("case"))
    from_office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="assistance_out", verbose_name=_("from office")
    )
    to_office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="assistance_in", verbose_name=_("to office"))
    request = models.TextField(_("what is asked"))
    due_on = models.DateField(_("answer due on"))
    status = models.CharField(_("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING)

    class Meta:
        verbose_name = _("assistance request")
        verbose_name_plural = _("assistance requests")
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return _("Assistance request on case %(number)s") % {"number": self.case_id}
