from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.models import Region


class Office(models.Model):
    organisation = models.OneToOneField(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="office",
        verbose_name=_("organisation"),
    )
    regions = models.ManyToManyField(Region, related_name="offices", verbose_name=_("regions served"))
    opinion_deadline_days = models.PositiveSmallIntegerField(_("opinion deadline (working days)"), default=2)

    class Meta:
        verbose_name = _("IPR office")
        verbose_name_plural = _("IPR offices")
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return self.organisation.shown_name

    @property
    def name(self) -> str:
        """The name of record (texts of record are written with it); pages show str(), in the reader's language."""
        return self.organisation.name


class CalendarSource(models.TextChoices):
    SCHEDULE = "schedule", _("Official schedule (imported)")
    OPERATOR = "operator", _("Entered by an operator")


class CalendarDay(models.Model):
    """An exception to the Monday–Friday week: a public holiday, or a weekend made a working day."""

    date = models.DateField(_("date"), unique=True)
    is_working_day = models.BooleanField(_("working day"))
    note = models.CharField(_("note"), max_length=120, blank=True)
    # The import of the official schedule replaces only its own rows, so an operator's correction stands.
    source = models.CharField(
        _("source"),
        max_length=20,
        choices=CalendarSource.choices,
        default=CalendarSource.OPERATOR,
        db_default=CalendarSource.OPERATOR,
    )

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} ({self.note})"
