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


class ReferralParty(models.TextChoices):
    COMPLAINANT = "complainant", _("The complainant")
    RESPONDENT = "respondent", _("The respondent")

    @property
    def other(self) -> "ReferralParty":
        return ReferralParty.RESPONDENT if self == ReferralParty.COMPLAINANT else ReferralParty.COMPLAINANT


class MeasuresWhileReferred(models.TextChoices):
    """What the agreement does with the listings while the body works on the case."""

    STAND = "stand", _("The listings stay as the platform decided")
    SUSPENDED = "suspended", _("The measures are suspended: listings taken down are restored meanwhile")


class ReferralStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed, waiting for the other party")
    REFUSED = "refused", _("Refused by the other party")
    ACCEPTED = "accepted", _("Accepted: at the body")
    SETTLED = "settled", _("Settled")
    AWARDED = "awarded", _("Award issued, waiting for the platform")
    EXECUTED = "executed", _("Award executed by the platform")


class DisputeReferral(models.Model):
    """One party's proposal to take a case to a dispute-resolution body, the other party's answer, and what the
    body then settles or awards. A case has at most one open proposal and at most one accepted referral."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="dispute_referrals", verbose_name=_("case")
    )
    body = models.ForeignKey(
        DisputeResolutionBody, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("body")
    )
    proposed_by = models.CharField(_("proposed by"), max_length=20, choices=ReferralParty.choices)
    # The complainant acts through an account; the respondent through its signed link, by the name it gives.
    proposed_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("proposed by user"),
    )
    name_given = models.CharField(_("name given"), max_length=200, blank=True)
    note = models.TextField(_("why, and what the proposer asks of the body"), blank=True)
    measures = models.CharField(
        _("listings while at the body"),
        max_length=20,
        choices=MeasuresWhileReferred.choices,
        default=MeasuresWhileReferred.STAND,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.PROPOSED
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    refusal_reason = models.TextField(_("why the other party refused"), blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    deadline = models.DateField(
        _("the body's deadline"),
        null=True,
        blank=True,
        help_text=_("Its published time limit, in working days from the acceptance."),
    )
    terms = models.TextField(_("terms of the settlement or the award"), blank=True)
    resolved_at = models.DateTimeField(_("settled or awarded at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    executed_at = models.DateTimeField(_("award executed at"), null=True, blank=True)
    executed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("executed by"),
    )

    class Meta:
        verbose_name = _("referral to a dispute-resolution body")
        verbose_name_plural = _("referrals to dispute-resolution bodies")
        ordering = ["proposed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(status="proposed"), name="referral_one_open_proposal"
            ),
            # The body sees the case through its accepted referral: a case goes to one body once.
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(accepted_at__isnull=False), name="referral_one_accepted"
            ),
        ]
        indexes = [models.Index(fields=["body", "accepted_at"], name="referral_body_accepted")]

    def __str__(self) -> str:
        return _("Referral of case %(number)s to %(body)s") % {"number": self.case_id, "body": self.body}

    @property
    def is_open_proposal(self) -> bool:
        return self.status == ReferralStatus.PROPOSED

    @property
    def is_at_body(self) -> bool:
        return self.status == ReferralStatus.ACCEPTED


class BodySession(models.Model):
    """A session the body held or will hold with the parties: its time, where (a place or an online link),
    and its notes. A settlement or an award is recorded only once a session has started."""

    referral = models.ForeignKey(
        DisputeReferral, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("referral")
    )
    held_at = models.DateTimeField(_("time"))
    online = models.BooleanField(_("online"), default=False)
    place = models.CharField(_("place or link to join"), max_length=300)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("session at a dispute-resolution body")
        verbose_name_plural = _("sessions at dispute-resolution bodies")
        ordering = ["held_at", "pk"]

    def __str__(self) -> str:
        return _("Session of %(referral)s") % {"referral": self.referral}


class AwardMeasure(models.TextChoices):
    TAKE_DOWN = "take_down", _("Take down")
    RESTORE = "restore", _("Restore")


class AwardedMeasure(models.Model):
    """What an arbitral award orders for one listing of the case; the platform executes it."""

    referral = models.ForeignKey(
        DisputeReferral, on_delete=models.CASCADE, related_name="awarded_measures", verbose_name=_("referral")
    )
    listing = models.ForeignKey(
        "complaints.Listing", on_delete=models.PROTECT, related_name="+", verbose_name=_("listing")
    )
    measure = models.CharField(_("measure"), max_length=20, choices=AwardMeasure.choices)

    class Meta:
        verbose_name = _("measure of an award")
        verbose_name_plural = _("measures of awards")
        ordering = ["listing_id"]
        constraints = [
            models.UniqueConstraint(fields=["referral", "listing"], name="award_one_measure_per_listing")
        ]

    def __str__(self) -> str:
        return f"{self.get_measure_display()}: {self.listing_id}"
