from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Platform(models.Model):
    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="platform", verbose_name=_("organisation")
    )
    region = models.ForeignKey(
        "enforcement.Region", on_delete=models.PROTECT, related_name="platforms", verbose_name=_("registered region")
    )
    counter_notice_window_days = models.PositiveSmallIntegerField(
        _("counter-notice window (days)"),
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
    reason_code = models.CharField(_("reason code"), max_length=40, choices=ReasonCode.choices)
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
