"""Records that exist only as office steps of a case: opinions, decisions, consent, assignment, sessions,
transfers and assistance between offices."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from cases.models.case import Case
from iprgov.abstract_models import AnsweredRequest


class OpinionOutcome(models.TextChoices):
    INFRINGING = "infringing", _("Infringing")
    NOT_INFRINGING = "not_infringing", _("Not infringing")
    CANNOT_DETERMINE = "cannot_determine", _("Cannot determine")


class DeterminationOpinion(models.Model):
    case = models.OneToOneField(
        Case, on_delete=models.PROTECT, related_name="opinion", verbose_name=_("case")
    )
    office = models.ForeignKey(
        "enforcement.Office", on_delete=models.PROTECT, related_name="opinions", verbose_name=_("office")
    )
    official = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("official")
    )
    outcome = models.CharField(_("opinion"), max_length=20, choices=OpinionOutcome.choices)
    reasoning = models.TextField(_("reasoning"))
    technical_comparison = models.TextField(_("technical comparison notes"), blank=True)
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)

    class Meta:
        db_table = "enforcement_determinationopinion"
        verbose_name = _("determination opinion")
        verbose_name_plural = _("determination opinions")

    def __str__(self) -> str:
        return _("Opinion on case %(number)s") % {"number": self.case_id}


class AdministrativeDecision(models.Model):
    case = models.OneToOneField(
        Case, on_delete=models.PROTECT, related_name="administrative_decision", verbose_name=_("case")
    )
    office = models.ForeignKey(
        "enforcement.Office", on_delete=models.PROTECT, related_name="decisions", verbose_name=_("office")
    )
    official = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("official")
    )
    infringement_established = models.BooleanField(_("infringement established"))
    measures_ordered = models.TextField(_("measures ordered"), blank=True)
    reasoning = models.TextField(_("reasoning"))
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)

    class Meta:
        db_table = "enforcement_administrativedecision"
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
    status = models.CharField(
        _("status"), max_length=20, choices=ConsentStatus.choices, default=ConsentStatus.PENDING
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    due_on = models.DateField(_("answer due on"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_by_name = models.CharField(_("answered by (name)"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        db_table = "enforcement_consentrequest"
        verbose_name = _("consent request")
        verbose_name_plural = _("consent requests")
        ordering = ["case", "party"]
        constraints = [models.UniqueConstraint(fields=["case", "party"], name="consent_one_per_party")]

    def __str__(self) -> str:
        return f"{self.get_party_display()}: {self.get_status_display()}"


class Assignment(models.Model):
    """An official assigned to handle an administrative case (承办人)."""

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("case")
    )
    official = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="case_assignments",
        verbose_name=_("official"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("assigned by")
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    class Meta:
        db_table = "enforcement_assignment"
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "official"], name="assignment_once_per_official")
        ]

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
    result_text = models.TextField(_("agreement or reason for failure"), blank=True)
    result_recorded_at = models.DateTimeField(_("result recorded at"), null=True, blank=True)

    class Meta:
        db_table = "enforcement_casesession"
        verbose_name = _("hearing or mediation session")
        verbose_name_plural = _("hearings and mediation sessions")
        ordering = ["scheduled_for", "pk"]

    def __str__(self) -> str:
        # In the time zone of whoever is looking (activated per user by the middleware), never UTC.
        return f"{self.get_kind_display()} {self.starts_at_local}"

    @property
    def starts_at_local(self) -> str:
        return date_format(timezone.localtime(self.scheduled_for), "SHORT_DATETIME_FORMAT")

    def has_started(self) -> bool:
        return self.scheduled_for <= timezone.now()


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    ANSWERED = "answered", _("Answered")


class Transfer(models.Model):
    """A request (移送) that another office take over a case; on acceptance the case's office changes."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="transfers", verbose_name=_("case"))
    from_office = models.ForeignKey(
        "enforcement.Office",
        on_delete=models.PROTECT,
        related_name="transfers_out",
        verbose_name=_("from office"),
    )
    to_office = models.ForeignKey(
        "enforcement.Office",
        on_delete=models.PROTECT,
        related_name="transfers_in",
        verbose_name=_("to office"),
    )
    reason = models.TextField(_("reason"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answer_reason = models.TextField(_("reason for the answer"), blank=True)

    class Meta:
        db_table = "enforcement_transfer"
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

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="assistance_requests", verbose_name=_("case")
    )
    from_office = models.ForeignKey(
        "enforcement.Office",
        on_delete=models.PROTECT,
        related_name="assistance_out",
        verbose_name=_("from office"),
    )
    to_office = models.ForeignKey(
        "enforcement.Office",
        on_delete=models.PROTECT,
        related_name="assistance_in",
        verbose_name=_("to office"),
    )
    request = models.TextField(_("what is asked"))
    due_on = models.DateField(_("answer due on"))
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )

    class Meta:
        db_table = "enforcement_assistancerequest"
        verbose_name = _("assistance request")
        verbose_name_plural = _("assistance requests")
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return _("Assistance request on case %(number)s") % {"number": self.case_id}
