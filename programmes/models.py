"""Each platform's programme policy, and the good-faith programme's memberships.

A membership row is one stay in the programme: open while `left_at` is empty. The figures that caused
the entry and the exit are kept on the row (and in the audit trail) so the filer can be told why.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

SHARE_VALIDATORS = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))]


class ProgrammePolicy(models.Model):
    """A platform's thresholds, set by operators. Shares are fractions (0.90 is 90%)."""

    platform = models.OneToOneField(
        "platforms.Platform",
        on_delete=models.CASCADE,
        related_name="programme_policy",
        verbose_name=_("platform"),
    )
    window_days = models.PositiveSmallIntegerField(
        _("rolling window (days)"), default=91, validators=[MinValueValidator(1)]
    )
    min_upheld_share = models.DecimalField(
        _("entry: at least this share of listings upheld"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.900"),
        validators=SHARE_VALIDATORS,
    )
    max_undone_share = models.DecimalField(
        _("entry: at most this share of measures undone by counter-notices"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.050"),
        validators=SHARE_VALIDATORS,
    )
    min_listings = models.PositiveIntegerField(_("entry: at least this many decided listings"), default=20)
    waiting_days = models.PositiveSmallIntegerField(_("waiting period after leaving (days)"), default=30)
    # Bad-faith controls (DSA art. 23): figures that put a filer on the staff's list; a person decides.
    suggest_min_unfounded = models.PositiveIntegerField(
        _("suggest a warning from this many unfounded notices"), default=5, validators=[MinValueValidator(1)]
    )
    suggest_min_unfounded_share = models.DecimalField(
        _("suggest a warning from this share of unfounded notices"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.500"),
        validators=SHARE_VALIDATORS,
    )

    class Meta:
        verbose_name = _("programme policy")
        verbose_name_plural = _("programme policies")

    def __str__(self) -> str:
        return str(_("Programme policy of %(platform)s") % {"platform": self.platform})


class GoodFaithMembership(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="good_faith_memberships",
        verbose_name=_("filer"),
    )
    platform = models.ForeignKey(
        "platforms.Platform", on_delete=models.PROTECT, related_name="+", verbose_name=_("platform")
    )
    joined_at = models.DateTimeField(_("joined at"))
    entry_figures = models.JSONField(_("figures at entry"))
    left_at = models.DateTimeField(_("left at"), null=True, blank=True)
    exit_figures = models.JSONField(_("figures at exit"), null=True, blank=True)

    class Meta:
        verbose_name = _("good-faith programme membership")
        verbose_name_plural = _("good-faith programme memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "platform"],
                condition=Q(left_at=None),
                name="good_faith_one_open_stay",
            )
        ]
        indexes = [models.Index(fields=["platform", "organisation", "left_at"], name="good_faith_stays")]

    def __str__(self) -> str:
        return f"{self.organisation} @ {self.platform}"


class GoodFaithStanding(models.Model):
    """A filer's figures on a platform as the periodic evaluation last computed them: what its portal shows,
    read without counting listings per request."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+", verbose_name=_("filer")
    )
    platform = models.ForeignKey(
        "platforms.Platform", on_delete=models.CASCADE, related_name="+", verbose_name=_("platform")
    )
    decided = models.PositiveIntegerField(_("listings decided"))
    upheld = models.PositiveIntegerField(_("listings upheld"))
    undone = models.PositiveIntegerField(_("measures undone"))
    evaluated_at = models.DateTimeField(_("evaluated at"))

    class Meta:
        verbose_name = _("good-faith standing")
        verbose_name_plural = _("good-faith standings")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "platform"], name="good_faith_standing_one_per_pair"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} @ {self.platform}: {self.upheld}/{self.decided}"


class BadFaithStepKind(models.TextChoices):
    WARNING = "warning", _("Warning")
    SUSPENSION = "suspension", _("Suspension of filing")


class Gravity(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class ContestOutcome(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    OVERTURNED = "overturned", _("Overturned")


class BadFaithStep(models.Model):
    """A warning or a suspension of a filer for manifestly unfounded notices (DSA art. 23), with the factors
    the person who decided weighed. Never edited after it is made, except to record the one contest."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="bad_faith_steps",
        verbose_name=_("filer"),
    )
    platform = models.ForeignKey(
        "platforms.Platform", on_delete=models.PROTECT, related_name="+", verbose_name=_("platform")
    )
    kind = models.CharField(_("step"), max_length=20, choices=BadFaithStepKind.choices)
    unfounded = models.PositiveIntegerField(_("unfounded notices"))
    decided = models.PositiveIntegerField(_("decided notices"))
    gravity = models.CharField(_("gravity"), max_length=10, choices=Gravity.choices)
    intent = models.TextField(_("signs of intent"), blank=True)
    reasons = models.TextField(_("reasons"))
    evidence_cases = models.ManyToManyField("cases.Case", related_name="+", verbose_name=_("evidence cases"))
    suspension = models.OneToOneField(
        "accounts.FilingSuspension",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bad_faith_step",
        verbose_name=_("suspension"),
    )
    decided_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("decided by")
    )
    created_at = models.DateTimeField(_("decided at"), auto_now_add=True)
    contest = models.TextField(_("contest"), blank=True)
    contested_at = models.DateTimeField(_("contested at"), null=True, blank=True)
    contest_outcome = models.CharField(
        _("contest decided"), max_length=20, choices=ContestOutcome.choices, blank=True
    )
    contest_reason = models.TextField(_("reason for the contest's outcome"), blank=True)
    contest_decided_by = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("contest decided by"),
    )
    contest_decided_at = models.DateTimeField(_("contest decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("bad-faith step")
        verbose_name_plural = _("bad-faith steps")
        indexes = [models.Index(fields=["platform", "organisation", "created_at"], name="bad_faith_steps")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.organisation} @ {self.platform}"

    @property
    def unfounded_share(self) -> float:
        return self.unfounded / self.decided if self.decided else 0.0


class FilerRecordNow(models.Model):
    """Each filer's decided and unfounded (rejected, counter-noticed) cases on one platform, over all time,
    as the periodic job (programmes.tasks.count_filer_records) last counted them: the supervising
    authority's record across platforms without counting the cases per request."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+", verbose_name=_("filer")
    )
    platform = models.ForeignKey(
        "platforms.Platform", on_delete=models.CASCADE, related_name="+", verbose_name=_("platform")
    )
    decided = models.PositiveIntegerField(_("decided cases"))
    rejected = models.PositiveIntegerField(_("rejected cases"))
    counter_noticed = models.PositiveIntegerField(_("cases undone by a counter-notice"))
    counted_at = models.DateTimeField(_("counted at"))

    class Meta:
        verbose_name = _("filer's record now")
        verbose_name_plural = _("filers' records now")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "platform"], name="filer_record_now_one_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}/{self.platform_id}: {self.rejected + self.counter_noticed}/{self.decided}"
