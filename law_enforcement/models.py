"""Law-enforcement authorities and the referrals made to them: the cases, the clue package, the answers."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from iprgov.file_integrity import HashedFilesModel, integrity_fields

# At most this many cases in one referral: the clue package is made in the request that refers them.
MAX_CASES_PER_REFERRAL = 200


class AuthorityKind(models.TextChoices):
    MARKET_REGULATION = "market_regulation", _("Market regulation")
    PUBLIC_SECURITY = "public_security", _("Public security")


class LawEnforcementAuthority(models.Model):
    """A market-regulation or public-security authority that receives referrals for the regions it serves."""

    organisation = models.OneToOneField(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="law_enforcement",
        verbose_name=_("organisation"),
    )
    authority_kind = models.CharField(_("kind of authority"), max_length=30, choices=AuthorityKind.choices)
    regions = models.ManyToManyField(
        "regions.Region", related_name="law_enforcement_authorities", verbose_name=_("regions served")
    )

    class Meta:
        verbose_name = _("law-enforcement authority")
        verbose_name_plural = _("law-enforcement authorities")

    def __str__(self) -> str:
        return self.organisation.shown_name

    @property
    def region_codes(self) -> list[str]:
        """Of the prefetched regions (authorities_for_referral)."""
        return [region.code for region in self.regions.all()]


class ReferralStatus(models.TextChoices):
    REFERRED = "referred", _("Referred, receipt not acknowledged yet")
    ACKNOWLEDGED = "acknowledged", _("Receipt acknowledged")
    INVESTIGATING = "investigating", _("Investigation opened")
    CLOSED = "closed", _("Closed by the authority")


class Referral(HashedFilesModel):
    """Cases against one store or a network of stores, referred by a platform or an office to an authority
    serving the stores' region, with the clue package made when they were referred."""

    hashed_files = ("package",)

    authority = models.ForeignKey(
        LawEnforcementAuthority,
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("authority"),
    )
    referred_by_org = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="law_enforcement_referrals",
        verbose_name=_("referred by"),
    )
    referred_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("referred by (person)")
    )
    # The platform of the cases referred (an office may refer cases of several: the first case's), and the
    # region they were referred for: the supervising authority's figures are counted by both.
    platform = models.ForeignKey(
        "platforms.Platform", on_delete=models.PROTECT, related_name="+", verbose_name=_("platform")
    )
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    cases = models.ManyToManyField(
        "cases.Case", related_name="law_enforcement_referrals", verbose_name=_("cases")
    )
    reason = models.TextField(_("reason for the referral"))
    # Kept with the referral, so that the supervising authority's figures need no join to the cases.
    case_count = models.PositiveIntegerField(_("cases referred"))
    status = models.CharField(
        _("status"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.REFERRED
    )
    # What the authority reported so far, for the figures (ReferralOutcome keeps each report).
    investigation_opened = models.BooleanField(_("investigation opened"), default=False)
    goods_seized = models.BooleanField(_("goods seized"), default=False)
    package = models.FileField(_("clue package"), upload_to="law_enforcement/%Y/%m/", blank=True)
    package_sha256, package_size, package_content_type = integrity_fields()
    created_at = models.DateTimeField(_("referred at"), auto_now_add=True)
    acknowledged_at = models.DateTimeField(_("receipt acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("receipt acknowledged by"),
    )

    class Meta:
        verbose_name = _("referral to law enforcement")
        verbose_name_plural = _("referrals to law enforcement")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["authority", "-created_at"], name="referral_authority_newest"),
            models.Index(fields=["referred_by_org", "-created_at"], name="referral_referrer_newest"),
            models.Index(fields=["region", "platform"], name="referral_region_platform"),
        ]

    def __str__(self) -> str:
        return _("Referral %(number)s") % {"number": self.pk}

    @property
    def case_ids(self) -> list[int]:
        """Of the prefetched cases (the API's selectors prefetch them)."""
        return sorted(case.pk for case in self.cases.all())


class OutcomeKind(models.TextChoices):
    INVESTIGATION_OPENED = "investigation_opened", _("Investigation opened")
    GOODS_SEIZED = "goods_seized", _("Goods seized")
    CASE_CLOSED = "case_closed", _("Case closed")


class ReferralOutcome(HashedFilesModel):
    """What the authority reports of a referral, over time, with a note and optionally a file."""

    hashed_files = ("file",)

    referral = models.ForeignKey(
        Referral, on_delete=models.PROTECT, related_name="outcomes", verbose_name=_("referral")
    )
    kind = models.CharField(_("outcome"), max_length=30, choices=OutcomeKind.choices)
    note = models.TextField(_("note"))
    file = models.FileField(_("file"), upload_to="law_enforcement/outcomes/%Y/%m/", blank=True)
    file_sha256, file_size, file_content_type = integrity_fields()
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("outcome of a referral")
        verbose_name_plural = _("outcomes of referrals")
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.referral})"
