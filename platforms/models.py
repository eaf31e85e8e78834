from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from complaints.models import InfringementType
from iprgov.day_count import DayCount


class Platform(models.Model):
    organisation = models.OneToOneField(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="platform",
        verbose_name=_("organisation"),
    )
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        related_name="platforms",
        verbose_name=_("registered region"),
    )
    counter_notice_window_days = models.PositiveSmallIntegerField(
        _("counter-notice window (days)"),
        default=15,
        help_text=_("Days the complainant has to show an office or court complaint after a counter-notice."),
    )
    # E-Commerce Law art. 43 gives 15 days, which Chinese law counts as calendar days; a platform may give
    # more (or count working days) in its own rules.
    counter_notice_window_counts = models.CharField(
        _("counter-notice window counted in"),
        max_length=10,
        choices=DayCount.choices,
        default=DayCount.CALENDAR,
        db_default=DayCount.CALENDAR,
    )

    class Meta:
        verbose_name = _("platform")
        verbose_name_plural = _("platforms")
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return self.organisation.shown_name

    @property
    def name(self) -> str:
        """The name of record (texts of record are written with it); pages show str(), in the reader's language."""
        return self.organisation.name


class StoreStanding(models.TextChoices):
    GOOD = "good", _("In good standing")
    WARNED = "warned", _("Warned")
    RESTRICTED = "restricted", _("Restricted")
    SUSPENDED = "suspended", _("Suspended")


class Store(models.Model):
    """A respondent: a seller or store on one platform, identified by the platform's own store id."""

    platform = models.ForeignKey(
        Platform, on_delete=models.PROTECT, related_name="stores", verbose_name=_("platform")
    )
    external_id = models.CharField(_("store id on the platform"), max_length=120)
    name = models.CharField(_("store name"), max_length=200, blank=True)
    region = models.ForeignKey(
        "regions.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stores",
        verbose_name=_("region"),
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language of the respondent's emails; the site's language when not set."),
    )
    standing = models.CharField(
        _("standing"),
        max_length=20,
        choices=StoreStanding.choices,
        default=StoreStanding.GOOD,
        help_text=_("Set by the platform's penalty policy as the store's points cross its thresholds."),
    )

    class Meta:
        verbose_name = _("store")
        verbose_name_plural = _("stores")
        constraints = [
            models.UniqueConstraint(fields=["platform", "external_id"], name="store_unique_per_platform")
        ]

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


# The decision each default code gives a reason for: a measure code cannot explain a rejection, nor the other way
# round. Following an office's opinion or decision can end either way.
REASON_CODE_DECISIONS: dict[str, tuple[str, ...]] = {
    ReasonCode.COUNTERFEIT: (DecisionAction.TAKE_DOWN,),
    ReasonCode.INFRINGEMENT_CONFIRMED: (DecisionAction.TAKE_DOWN,),
    ReasonCode.OFFICE_OPINION: (DecisionAction.TAKE_DOWN, DecisionAction.REJECT),
    ReasonCode.OFFICE_DECISION: (DecisionAction.TAKE_DOWN, DecisionAction.REJECT),
    ReasonCode.INSUFFICIENT_EVIDENCE: (DecisionAction.REJECT,),
    ReasonCode.RIGHT_NOT_VALID: (DecisionAction.REJECT,),
    ReasonCode.NOT_INFRINGING: (DecisionAction.REJECT,),
}


class PlatformReasonCode(models.Model):
    """A platform's own reason code, offered in its console instead of the defaults when it has any."""

    platform = models.ForeignKey(
        Platform, on_delete=models.CASCADE, related_name="reason_codes", verbose_name=_("platform")
    )
    code = models.SlugField(_("code"), max_length=40)
    label = models.CharField(_("label"), max_length=200)
    action = models.CharField(
        _("for decision"),
        max_length=20,
        choices=DecisionAction.choices,
        blank=True,
        help_text=_("Leave empty when the code fits both decisions."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("reason code")
        verbose_name_plural = _("reason codes")
        ordering = ["platform", "code"]
        constraints = [
            models.UniqueConstraint(fields=["platform", "code"], name="reason_code_unique_per_platform")
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.label}"


class StatementTemplate(models.Model):
    """A platform's standard wording of the parts of a statement of reasons (DSA art. 17) for one decision.

    The decision form is prefilled with it and the moderator adjusts it to the case; a part left empty on
    a decision takes the template's text.
    """

    platform = models.ForeignKey(
        Platform, on_delete=models.CASCADE, related_name="statement_templates", verbose_name=_("platform")
    )
    action = models.CharField(_("for decision"), max_length=20, choices=DecisionAction.choices)
    measure_scope = models.TextField(
        _("measure, its scope and duration"),
        help_text=_("What is done to the listing, where it applies and for how long."),
    )
    legal_ground = models.TextField(
        _("legal or terms-of-service ground"), help_text=_("The law or the clause of the terms relied on.")
    )
    redress = models.TextField(
        _("redress open to the respondent"),
        help_text=_("Counter-notice, complaint to the platform, the office or a court, and by when."),
    )
    automated_means = models.BooleanField(
        _("automated means used"),
        default=False,
        help_text=_("Whether the listing was detected or the decision taken by automated means."),
    )

    class Meta:
        verbose_name = _("statement of reasons template")
        verbose_name_plural = _("statement of reasons templates")
        ordering = ["platform", "action"]
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "action"], name="statement_template_unique_per_decision"
            )
        ]

    def __str__(self) -> str:
        return f"{self.platform} — {self.get_action_display()}"


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
    points_window_days = models.PositiveSmallIntegerField(
        _("points count for (days)"),
        default=365,
        db_default=365,
        validators=[MinValueValidator(1)],
        help_text=_("A point expires this many days after the upheld case that gave it."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("penalty policy")
        verbose_name_plural = _("penalty policies")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    warn_at__lte=models.F("restrict_at"), restrict_at__lte=models.F("suspend_at")
                ),
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
    policy = models.ForeignKey(
        PenaltyPolicy, on_delete=models.CASCADE, related_name="points", verbose_name=_("policy")
    )
    infringement_type = models.CharField(
        _("infringement type"), max_length=20, choices=InfringementType.choices
    )
    points = models.PositiveSmallIntegerField(_("points per upheld case"))

    class Meta:
        verbose_name = _("points by infringement type")
        verbose_name_plural = _("points by infringement type")
        constraints = [
            models.UniqueConstraint(
                fields=["policy", "infringement_type"], name="penalty_points_one_per_type"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_infringement_type_display()}: {self.points}"


class PenaltyRecord(models.Model):
    """Points given to a store for one upheld case. The unique (store, case) pair makes a second one impossible."""

    store = models.ForeignKey(
        Store, on_delete=models.PROTECT, related_name="penalties", verbose_name=_("store")
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="penalties", verbose_name=_("case")
    )
    infringement_type = models.CharField(
        _("infringement type"), max_length=20, choices=InfringementType.choices
    )
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
