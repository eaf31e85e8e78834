"""Internal review of a platform's decision (DSA art. 20): a party's request and the platform's answer."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ReviewParty(models.TextChoices):
    COMPLAINANT = "complainant", _("The complainant, against a rejection")
    RESPONDENT = "respondent", _("The respondent, against a measure")


class ReviewOutcome(models.TextChoices):
    CONFIRMED = "confirmed", _("The decision is confirmed")
    REVERSED = "reversed", _("The decision is reversed")


class DecisionReview(models.Model):
    """One request to review the platform's decision on a case, and the reasoned answer to it.

    The answer is given by platform staff other than whoever decided the listings; a case has at most one
    review waiting for its answer.
    """

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="reviews", verbose_name=_("case")
    )
    party = models.CharField(_("asked by"), max_length=20, choices=ReviewParty.choices)
    # The complainant asks through an account; the respondent through its signed link, by the name it gives.
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("asked by user"),
    )
    name_given = models.CharField(_("name given"), max_length=200, blank=True)
    reasons = models.TextField(_("why the decision should be reviewed"))
    requested_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=ReviewOutcome.choices, blank=True)
    answer = models.TextField(_("reasoned answer"), blank=True)
    further_options = models.TextField(_("further options open"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    decided_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("review of a decision")
        verbose_name_plural = _("reviews of decisions")
        ordering = ["requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(decided_at=None), name="review_one_pending_per_case"
            ),
            models.CheckConstraint(
                condition=Q(decided_at=None) | ~Q(outcome="") & ~Q(answer=""), name="review_decided_answered"
            ),
        ]

    def __str__(self) -> str:
        return _("Review of the decision on case %(number)s") % {"number": self.case_id}

    @property
    def is_pending(self) -> bool:
        return self.decided_at is None


class ReviewEvidence(models.Model):
    review = models.ForeignKey(
        DecisionReview, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("review")
    )
    file = models.FileField(_("file"), upload_to="reviews/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256 of the content"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review evidence")
        verbose_name_plural = _("review evidence")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name
