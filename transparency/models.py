"""The public register's settings and the complainants' requests to withhold an entry."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RegisterPolicy(models.Model):
    """One row, set by operators in the admin: how long after a case closes its entry is published."""

    delay_days = models.PositiveSmallIntegerField(
        _("publication delay (days)"),
        default=30,
        help_text=_("A closed case appears in the public register this many days after it closed."),
    )

    class Meta:
        verbose_name = _("public register policy")
        verbose_name_plural = _("public register policy")

    def __str__(self) -> str:
        return str(_("Published %(days)s days after closing") % {"days": self.delay_days})


class WithholdingStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting an operator")
    APPROVED = "approved", _("Approved: the entry is withheld")
    REFUSED = "refused", _("Refused: the entry is published")


class WithholdingRequest(models.Model):
    """A complainant's request that a case's register entry be withheld, decided by an operator."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+", verbose_name=_("case"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    reason = models.TextField(_("reason"))
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=20, choices=WithholdingStatus.choices, default=WithholdingStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("request to withhold a register entry")
        verbose_name_plural = _("requests to withhold register entries")
        constraints = [
            # One open request per case at a time: a refused one may be followed by a new one.
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(status="pending"), name="withholding_one_pending_per_case"
            )
        ]
        indexes = [models.Index(fields=["case", "status"], name="withholding_case_status")]

    def __str__(self) -> str:
        return f"{self.case} ({self.get_status_display()})"
