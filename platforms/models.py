from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from complaints.models import InfringementType
from iprgov.abstract_models import AnsweredRequest


class Platform(models.Model):
    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="platform", verbose_name=_("organisation")
    )
    region = models.ForeignKey(
        "enforcement.Region", on_delete=models.PROTECT, related_name="platforms", verbose_name=_("registered region")
    )
    counter_notice_window_days = models.PositiveSmallIntegerField(
        _("counter-notice window (working days)"),
        default=15,
        help_text=_("Days the complainant has to show an office or court complaint after a counter-notice."),
    )

    class Meta:
        verbose_name = _("platform")
        verbose_name_plural = _("platforms")
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return self.organisation.name

    @property
    def name(self) -> str:
        return self.organisation.name


class StoreStanding(models.TextChoices):
    GOOD = "good", _("In good standing")
    WARNED = "warned", _("Warned")
    RESTRICTED = "restricted", _("Restricted")
    SUSPENDED = "suspended", _("Suspended")


class Store(models.Model):
    """A respondent: a seller or store on one platform, identified by the platform's own store id."""

    platform = models.ForeignKey(Platform, on_delete=models.PROTECT, related_name="stores", verbose_name=_("platform"))
    external_id = models.CharField(_("store id on the platform"), max_length=120)
    name = models.CharField(_("store name"), max_length=200, blank=True)
    region = models.ForeignKey(
        "enforcement.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stores",
        verbose_name=_("region"),
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    standing = models.CharField(
        _("standing"), max_length=20, choices=StoreStanding.choices, default=StoreStanding.GOOD,
        help_text=_("Set by the platform's penalty policy as the store's points cross its thresholds."),
    )

    class Meta:
        verbose_name = _("store")
        verbose_name_plural = _("stores")
        constraints = [models.UniqueConstraint(fields=["platform", "external_id"], name="store_unique_per_platform")]

    def __str__(self) -> str:
        return self.name or self.external_id


class DecisionAction(models.TextChoices):
    TAKE_DOWN = "take_down", _("Take down (necessary measures)")
    REJECT = "reject", _("Reject the notice for this listing")


class ReasonCode(models.TextChoices):
    COUNTERFEIT = "counterfeit", _("Counterfeit goods")
    INFRINGEMENT_CONFIRMED = "infringement_confirmed", _("Infringement shown by the evidence")
    OFFICE_OPINION = "office_opinion", _("Following the office's determination opinion")
    OFFICE_DECISION = "office_decision", _("Executing the office's administrative decision")
    INSUFFICIENT_EVIDENCE = "insufficient_evidence", _("Evidence insufficient")
    RIGHT_NOT_VALID = "right_not_valid", _("Right not valid or not applicable")
    NOT_INFRINGING = "not_infringing", _("Listing does not infringe")


class ListingDecision(models.Model):
    """What a platform decided for one listing, with the statement of reasons the respondent receives."""

    listing = models.ForeignKey(
        "complaints.Listing", on_delete=models.PROTECT, related_name="decisions", verbose_name=_("listing")
    )
    case = models.ForeignKey(
        "enforcement.Case", on_delete=models.PROTECT, related_name="listing_decisions", verbose_name=_("case")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("decided by")
    )
    action = models.CharField(_("decision"), max_length=20, choices=DecisionAction.choices)
    # A default ReasonCode (label empty: shown in the reader's language) or a platform's own code with its label.
    reason_code = models.CharField(_("reason code"), max_length=40)
    reason_label = models.CharField(_("reason"), max_length=200, blank=True)
    statement = models.TextField(_("statement of reasons"))
    cites_office_record = models.CharField(
        _("office record cited"), max_length=200, blank=True, help_text=_("The opinion or decision relied on.")
    )
    created_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        verbose_name = _("listing decision")
        verbose_name_plural = _("listing decisions")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} #{self.listing_id}"

    @property
    def reason_display(self) -> str:
        """A default code's label in the reader's language; a platform's own code as it was shown when decided."""
        if not self.reason_label and self.reason_code in ReasonCode.values:
            return str(ReasonCode(self.reason_code).label)
        return self.reason_label or self.reason_code


class PlatformReasonCode(models.Model):
    """A platform's own reason code, offered in its console instead of the defaults when it has any."""

    platform = models.ForeignKey(
        Platform, on_delete=models.CASCADE, related_name="reason_codes", verbose_name=_("platform")
    )
    code = models.SlugField(_("code"), max_length=40)
    label = models.CharField(_("label"), max_length=200)
    action = models.CharField(
        _("for decision"), max_length=20, choices=DecisionAction.choices, blank=True,
        help_text=_("Leave empty when the code fits both decisions."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("reason code")
        verbose_name_plural = _("reason codes")
        ordering = ["platform", "code"]
        constraints = [models.UniqueConstraint(fields=["platform", "code"], name="reason_code_unique_per_platform")]

    def __str__(self) -> str:
        return f"{self.code} — {self.label}"


class InformationRequest(AnsweredRequest):
    """The platform asks the complainant for more before deciding; unanswered by `due_on`, the case closes."""

    case = models.ForeignKey(
        "enforcement.Case", on_delete=models.PROTECT, related_name="information_requests", verbose_name=_("case")
    )
    question = models.TextField(_("information requested"))
    due_on = models.DateField(_("due on"))

    class Meta:
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        ordering = ["requested_at", "pk"]

    def __str__(self) -> str:
        return _("Information request on case %(number)s") % {"number": self.case_id}


class CounterNotice(models.Model):
    """The respondent's answer to a notice (E-Commerce Law art. 43), filed through the signed link."""

    case = models.OneToOneField(
        "enforcement.Case", on_delete=models.PROTECT, related_name="counter_notice", verbose_name=_("case")
    )
    respondent_name = models.CharField(_("name of the respondent"), max_length=200)
    contact_email = models.EmailField(_("contact email"))
    statement = models.TextField(_("why the listings do not infringe"))
    declaration = models.BooleanField(_("declaration of good faith and accuracy"), default=False)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    forwarded_at = models.DateTimeField(_("forwarded to the complainant at"), null=True, blank=True)

    class Meta:
        verbose_name = _("counter-notice")
        verbose_name_plural = _("counter-notices")
        constraints = [
            models.CheckConstraint(condition=models.Q(declaration=True), name="counter_notice_declared"),
        ]

    def __str__(self) -> str:
        return _("Counter-notice on case %(number)s") % {"number": self.case_id}


class CounterNoticeEvidence(models.Model):
    counter_notice = models.ForeignKey(
        CounterNotice, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("counter-notice")
    )
    file = models.FileField(_("file"), upload_to="counter-notices/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("counter-notice evidence")
        verbose_name_plural = _("counter-notice evidence")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class PenaltyPolicy(models.Model):
    """A platform's repeat-infringer policy: points per upheld case, thresholds that change a store's standing."""

    platform = models.OneToOneField(
        Platform, on_delete=models.CASCADE, related_name="penalty_policy", verbose_name=_("platform")
    )
    default_points = models.PositiveSmallIntegerField(
        _("points per upheld case"), default=1, help_text=_("For infringement types without their own row.")
    )
    warn_at = models.PositiveSmallIntegerField(_("warn at (points)"), default=3)
    restrict_at = models.PositiveSmallIntegerField(_("restrict at (points)"), default=6)
    suspend_at = models.PositiveSmallIntegerField(_("suspend at (points)"), default=12)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("penalty policy")
        verbose_name_plural = _("penalty policies")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(warn_at__lte=models.F("restrict_at"), restrict_at__lte=models.F("suspend_at")),
                name="penalty_thresholds_ordered",
            )
        ]

    def __str__(self) -> str:
        return _("Penalty policy of %(platform)s") % {"platform": self.platform}

    def standing_for(self, points: int) -> str:
        if points >= self.suspend_at:
            return StoreStanding.SUSPENDED
        if points >= self.restrict_at:
            return StoreStanding.RESTRICTED
        if points >= self.warn_at:
            return StoreStanding.WARNED
        return StoreStanding.GOOD


class PenaltyPoints(models.Model):
    policy = models.ForeignKey(PenaltyPolicy, on_delete=models.CASCADE, related_name="points", verbose_name=_("policy"))
    infringement_type = models.CharField(_("infringement type"), max_length=20, choices=InfringementType.choices)
    points = models.PositiveSmallIntegerField(_("points per upheld case"))

    class Meta:
        verbose_name = _("points by infringement type")
        verbose_name_plural = _("points by infringement type")
        constraints = [
            models.UniqueConstraint(fields=["policy", "infringement_type"], name="penalty_points_one_per_type")
        ]

    def __str__(self) -> str:
        return f"{self.get_infringement_type_display()}: {self.points}"


class PenaltyRecord(models.Model):
    """Points given to a store for one upheld case. The unique (store, case) pair makes a second one impossible."""

    store = models.ForeignKey(Store, on_delete=models.PROTECT, related_name="penalties", verbose_name=_("store"))
    case = models.ForeignKey(
        "enforcement.Case", on_delete=models.PROTECT, related_name="penalties", verbose_name=_("case")
    )
    infringement_type = models.CharField(_("infringement type"), max_length=20, choices=InfringementType.choices)
    points = models.PositiveSmallIntegerField(_("points"))
    total_after = models.PositiveIntegerField(_("store's points afterwards"))
    standing_after = models.CharField(_("standing afterwards"), max_length=20, choices=StoreStanding.choices)
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)

    class Meta:
        verbose_name = _("penalty record")
        verbose_name_plural = _("penalty records")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["store", "case"], name="penalty_once_per_case")]

    def __str__(self) -> str:
        return f"{self.store}: +{self.points} ({self.case_id})"
