from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class ActorKind(models.TextChoices):
    USER = "user", _("user")
    RESPONDENT = "respondent", _("respondent")
    SYSTEM = "system", _("system")


class AuditEntry(models.Model):
    """One state change or decision: who, when, on what, from what to what. Never updated or deleted.

    Who acted is one of three, and only these: a signed-in user (`actor`), the respondent of a case by
    the store its signed link names (`respondent_store`, with the name the person typed kept apart in
    `name_given`), or the system. The database sets `created_at` itself, whatever an insert supplies.
    """

    created_at = models.DateTimeField(_("at"), db_default=Now(), db_index=True, editable=False)
    actor_kind = models.CharField(_("actor kind"), max_length=20, choices=ActorKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    respondent_store = models.ForeignKey(
        "platforms.Store",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("respondent's store"),
    )
    name_given = models.CharField(
        _("name given"),
        max_length=200,
        blank=True,
        default="",
        help_text=_("The name the person typed on the respondent's page; who acted is the store."),
    )
    actor_label = models.CharField(
        _("actor"), max_length=200, help_text=_("Who acted, as shown when the entry was written.")
    )
    subject_type = models.CharField(_("subject type"), max_length=50)
    subject_id = models.BigIntegerField(_("subject id"))
    case_id = models.BigIntegerField(_("case"), null=True, blank=True, db_index=True)
    action = models.CharField(_("action"), max_length=50)
    from_status = models.CharField(_("from"), max_length=40, blank=True)
    to_status = models.CharField(_("to"), max_length=40, blank=True)
    note = models.TextField(_("note"), blank=True)
    # The hash chain (audit.chain): entries in the order of `chain_position`, each hashing the one before.
    # Blank for an entry appended behind the application's back, which `audit_verify` reports.
    chain_position = models.BigIntegerField(_("position in the chain"), null=True, blank=True, editable=False)
    previous_hash = models.CharField(
        _("hash of the previous entry"), max_length=64, blank=True, db_default="", editable=False
    )
    personal_data_hash = models.CharField(
        _("hash of the personal data"),
        max_length=64,
        blank=True,
        db_default="",
        editable=False,
        help_text=_(
            "SHA-256 of who acted as written, the name given and the note, kept when they are redacted."
        ),
    )
    entry_hash = models.CharField(
        _("hash of the entry"), max_length=64, blank=True, db_default="", editable=False
    )
    redacted_at = models.DateTimeField(_("personal data redacted at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id"]),
            # A case page shows its history 100 entries at a time in this order (audit_history_for_case).
            models.Index(fields=["case_id", "created_at", "id"], name="audit_entry_case_history"),
        ]
        constraints = [
            # Two writers can never take the same place: the chain forks into an error, not silently.
            models.UniqueConstraint(fields=["chain_position"], name="audit_entry_one_per_chain_position"),
            # Each kind of actor carries its own reference and nothing else: a typed name never stands
            # beside a user or the system, and a respondent is always a store.
            models.CheckConstraint(
                name="audit_entry_actor_is_known",
                condition=(
                    Q(
                        actor_kind=ActorKind.USER,
                        actor__isnull=False,
                        respondent_store__isnull=True,
                        name_given="",
                    )
                    | Q(actor_kind=ActorKind.RESPONDENT, actor__isnull=True, respondent_store__isnull=False)
                    | Q(
                        actor_kind=ActorKind.SYSTEM,
                        actor__isnull=True,
                        respondent_store__isnull=True,
                        name_given="",
                    )
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.subject_type}#{self.subject_id}"

    @property
    def actor_shown(self) -> str:
        """Who acted, in the reader's language: the user as recorded, "respondent: <store>" or "system".

        A respondent is shown by the store on record, never by the name typed on its page, including in
        entries written before actors had kinds (their `actor_label` holds that name as written).
        """
        if self.actor_kind == ActorKind.RESPONDENT and self.respondent_store is not None:
            return gettext("respondent: %(store)s") % {"store": self.respondent_store}
        if self.actor_kind == ActorKind.SYSTEM:
            return gettext("system")
        return self.actor_label


class AuditAnchor(models.Model):
    """The head of the chain as it stood when a day's anchor was taken, published on the transparency page
    so that anyone can check later that the history up to it was not rewritten."""

    day = models.DateField(_("day"), unique=True)
    chain_position = models.BigIntegerField(_("position in the chain"))
    entry_hash = models.CharField(_("hash of the entry"), max_length=64)
    taken_at = models.DateTimeField(_("taken at"), db_default=Now(), editable=False)

    class Meta:
        verbose_name = _("audit anchor")
        verbose_name_plural = _("audit anchors")
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"{self.day.isoformat()} #{self.chain_position} {self.entry_hash}"
