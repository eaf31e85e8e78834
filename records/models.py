"""How long personal data of closed cases is kept, per kind of record, and which cases were anonymised."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RetainedKind(models.TextChoices):
    """The kinds of personal data a closed case holds. Listing data (URLs, listing and store ids, store
    names) is not among them: the public register and the repeat-infringer history need it."""

    COUNTER_NOTICE = "counter_notice", _("Counter-notice: the respondent's name and contact email")
    LISTING_CONTACT = "listing_contact", _("Listings: the store's contact email")
    RESPONDENT_AUDIT = "respondent_audit", _("Audit trail: names and notes typed by the respondent")


class RetentionPeriod(models.Model):
    """Operators set, per kind, how many days after a case closed its personal data is anonymised."""

    kind = models.CharField(_("kind of record"), max_length=30, choices=RetainedKind.choices, unique=True)
    days_after_closure = models.PositiveIntegerField(_("days kept after the case closed"))
    why = models.TextField(_("why it is kept that long"), blank=True)

    class Meta:
        verbose_name = _("retention period")
        verbose_name_plural = _("retention periods")
        ordering = ["kind"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.days_after_closure}"


class Anonymisation(models.Model):
    """One kind of personal data of one case, anonymised; the job never does a case's kind twice."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+", verbose_name=_("case"))
    kind = models.CharField(_("kind of record"), max_length=30, choices=RetainedKind.choices)
    anonymised_at = models.DateTimeField(_("anonymised at"), auto_now_add=True)

    class Meta:
        verbose_name = _("anonymisation")
        verbose_name_plural = _("anonymisations")
        constraints = [models.UniqueConstraint(fields=["case", "kind"], name="anonymisation_once_per_kind")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}"
