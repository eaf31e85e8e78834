"""The published profile of a dispute-resolution body: what the parties read before agreeing to go there."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from complaints.models import RightType


class DisputeBodyKind(models.TextChoices):
    MEDIATION_CENTRE = "mediation_centre", _("Mediation centre")
    ARBITRATION_COMMISSION = "arbitration_commission", _("Arbitration commission")
    OUT_OF_COURT = "out_of_court", _("Certified out-of-court dispute-settlement body")


class DisputeResolutionBody(models.Model):
    """A mediation centre, an arbitration commission or a certified out-of-court body (DSA art. 21), with
    the regions and the kinds of rights it serves, its fees, its languages and its published time limit."""

    organisation = models.OneToOneField(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="dispute_body",
        verbose_name=_("organisation"),
    )
    body_kind = models.CharField(_("kind of body"), max_length=30, choices=DisputeBodyKind.choices)
    regions = models.ManyToManyField(
        "regions.Region", related_name="dispute_bodies", verbose_name=_("regions served")
    )
    right_types = models.JSONField(
        _("kinds of rights served"),
        default=list,
        help_text=_("Codes of the kinds of rights, e.g. trademark."),
    )
    fees = models.TextField(_("fees"), blank=True, help_text=_("Leave empty when the service is free."))
    languages = models.JSONField(
        _("languages"), default=list, help_text=_("Language codes, e.g. en, zh-hans.")
    )
    time_limit_working_days = models.PositiveSmallIntegerField(
        _("published time limit (working days)"),
        help_text=_("Working days from an accepted referral to a settlement or an award."),
    )

    class Meta:
        verbose_name = _("dispute-resolution body")
        verbose_name_plural = _("dispute-resolution bodies")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(time_limit_working_days__gt=0), name="dispute_body_time_limit_positive"
            )
        ]

    def __str__(self) -> str:
        return self.organisation.name

    def clean(self) -> None:
        errors = {}
        if not self.right_types or set(self.right_types) - set(RightType.values):
            errors["right_types"] = _("Choose one or more of: %(codes)s.") % {
                "codes": ", ".join(RightType.values)
            }
        codes = [code for code, _name in settings.LANGUAGES]
        if not self.languages or set(self.languages) - set(codes):
            errors["languages"] = _("Choose one or more of: %(codes)s.") % {"codes": ", ".join(codes)}
        if errors:
            raise ValidationError(errors)

    @property
    def is_free(self) -> bool:
        return not self.fees.strip()

    def right_type_labels(self) -> list[str]:
        return [str(RightType(code).label) for code in self.right_types if code in RightType.values]
