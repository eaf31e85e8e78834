"""Corrections of issued records: an opinion, a decision or a statement of reasons is never edited once
issued; what was wrong in it is put right by a correction that cites it, with the reason."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CorrectedRecord(models.TextChoices):
    OPINION = "determination_opinion", _("determination opinion")
    ADMINISTRATIVE_DECISION = "administrative_decision", _("administrative decision")
    LISTING_DECISION = "listing_decision", _("listing decision and statement of reasons")


class RecordCorrection(models.Model):
    """A correction of one issued record of a case. Issued records and their corrections are immutable:
    the database refuses to change or delete them (cases 0007)."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="corrections", verbose_name=_("case")
    )
    corrects = models.CharField(_("record corrected"), max_length=30, choices=CorrectedRecord.choices)
    corrects_id = models.BigIntegerField(_("number of the record corrected"))
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("corrected by")
    )
    reason = models.TextField(_("why it is corrected"))
    corrected_text = models.TextField(_("the text as corrected"))
    created_at = models.DateTimeField(_("corrected at"), auto_now_add=True)

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["corrects", "corrects_id"])]

    def __str__(self) -> str:
        return _("Correction of the %(record)s #%(number)s") % {
            "record": self.get_corrects_display(),
            "number": self.corrects_id,
        }
