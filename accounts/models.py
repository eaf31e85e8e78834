import hashlib

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from iprgov.names import name_for_reader


class OrgKind(models.TextChoices):
    RIGHTSHOLDER = "rightsholder", _("Rightsholder")
    PLATFORM = "platform", _("E-commerce platform")
    OFFICE = "office", _("IPR office")
    SUPERVISOR = "supervisor", _("Supervising authority")
    DISPUTE_BODY = "dispute_body", _("Dispute-resolution body")
    LAW_ENFORCEMENT = "law_enforcement", _("Law-enforcement authority")


class Role(models.TextChoices):
    MEMBER = "member", _("Member")
    MANAGER = "manager", _("Manager")


class User(AbstractUser):
    language = models.CharField(_("language"), max_length=10, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True)

    @property
    def organisation(self) -> "Organisation | None":
        membership = getattr(self, "membership", None)
        return membership.organisation if membership else None

    @property
    def org_kind(self) -> str | None:
        org = self.organisation
        return org.kind if org else None

    def shown_as(self) -> str:
        """How a person is shown everywhere (history, assignments, dashboards): their name and organisation;
        the username stands in only for a user with no name on record."""
        name = self.get_full_name() or self.get_username()
        org = self.organisation
        return f"{name} ({org})" if org else name


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    name_zh = models.CharField(
        _("name in Chinese"),
        max_length=200,
        blank=True,
        # A database default too: code of an earlier release (and its migrations) inserts without it.
        db_default="",
        help_text=_("Shown on Chinese pages instead of the name (offices and platforms above all)."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OrgKind.choices)
    contact_email = models.EmailField(_("contact email"), blank=True)
    # The letterhead of the official documents it issues (documents app): its name, then these.
    letterhead = models.CharField(
        _("letterhead line"),
        max_length=300,
        blank=True,
        db_default="",
        help_text=_(
            "Printed under the name on official documents: the name in the other language, a telephone."
        ),
    )
    address = models.TextField(_("address"), blank=True, db_default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.shown_name

    @property
    def shown_name(self) -> str:
        """The name in the reader's language: the Chinese name on a Chinese page, where one is given."""
        return name_for_reader(self.name, self.name_zh)


class SupervisingAuthority(models.Model):
    """A national administration or provincial bureau: reads, never writes, the cases of its regions."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.PROTECT, related_name="supervisor", verbose_name=_("organisation")
    )
    regions = models.ManyToManyField(
        "regions.Region", related_name="supervisors", verbose_name=_("regions supervised")
    )

    class Meta:
        verbose_name = _("supervising authority")
        verbose_name_plural = _("supervising authorities")

    def __str__(self) -> str:
        return self.organisation.name


class Membership(models.Model):
    """A user acts through exactly one organisation."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="membership")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"


class FilingSuspension(models.Model):
    """A complainant organisation may not file new complaints until `until` (bad-faith control).

    Suspended by platform staff, it covers complaints against that platform; by an official, every platform.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="filing_suspensions",
        verbose_name=_("complainant"),
    )
    platform = models.ForeignKey(
        "platforms.Platform",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("only for complaints against"),
    )
    until = models.DateTimeField(_("suspended until"))
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("suspended by")
    )
    created_at = models.DateTimeField(_("suspended at"), auto_now_add=True)

    class Meta:
        verbose_name = _("filing suspension")
        verbose_name_plural = _("filing suspensions")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "until"])]

    def __str__(self) -> str:
        return _("%(org)s suspended until %(until)s") % {
            "org": self.organisation,
            "until": f"{self.until:%Y-%m-%d}",
        }


class Notification(models.Model):
    """An in-app notice to an organisation that someone there must act (the same text is emailed)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("organisation")
    )
    case_id = models.BigIntegerField(_("case"), null=True, blank=True)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    # The same message in every language of the site ({"zh-hans": {"subject": ..., "body": ...}}), so that
    # each member reads it in the language of their own interface; subject and body are the organisation's.
    translations = models.JSONField(_("in each language"), default=dict, blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.subject

    def in_language(self, language: str) -> tuple[str, str]:
        """(subject, body) in `language`, else as it was written for the organisation."""
        text = self.translations.get(language) or {}
        return text.get("subject", self.subject), text.get("body", self.body)


def api_key_digest(key: str) -> str:
    """What is kept of an API key. A key is 32 random bytes (or, for tokens made before keys were hashed,
    20), so nobody can guess one: a plain SHA-256 is enough, and it lets a call find its token by index."""
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """A key to the REST API. Only the SHA-256 of the key is kept: the key is shown once, when it is made.

    A token works until `expires_at` or until it is revoked; a revoked token keeps its row, so that a call
    made with it is told it was revoked rather than that it is unknown.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100)
    # The key's first characters: enough to tell tokens apart in a list, far too few to guess the rest.
    prefix = models.CharField(_("prefix"), max_length=8)
    digest = models.CharField(_("SHA-256 of the key"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
