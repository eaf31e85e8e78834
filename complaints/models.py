from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import MD5
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from iprgov.file_integrity import HashedFilesModel, integrity_fields


class RightType(models.TextChoices):
    TRADEMARK = "trademark", _("Trademark")
    INVENTION_PATENT = "invention_patent", _("Invention patent")
    UTILITY_MODEL = "utility_model", _("Utility model patent")
    DESIGN_PATENT = "design_patent", _("Design patent")
    COPYRIGHT = "copyright", _("Copyright")


PATENT_TYPES = (RightType.INVENTION_PATENT, RightType.UTILITY_MODEL, RightType.DESIGN_PATENT)


class VerificationStatus(models.TextChoices):
    PENDING = "pending", _("Pending verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")
    EXPIRED = "expired", _("Expired")


class InfringementType(models.TextChoices):
    COUNTERFEIT = "counterfeit", _("Counterfeit")
    TRADEMARK = "trademark", _("Trademark infringement")
    PATENT = "patent", _("Patent infringement")
    COPYRIGHT = "copyright", _("Copyright infringement")


class Authorisation(HashedFilesModel):
    """A letter of authorisation: the rightsholder named in it lets an agency file complaints on the rights
    it covers (IPRight.authorisation), from `valid_from` to `valid_until`, once an operator verified it."""

    agency = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="authorisations",
        verbose_name=_("agency"),
    )
    principal_name = models.CharField(
        _("rightsholder"), max_length=200, help_text=_("As named in the letter.")
    )
    hashed_files = ("letter",)
    letter = models.FileField(_("letter of authorisation"), upload_to="authorisations/%Y/%m/")
    letter_sha256, letter_size, letter_content_type = integrity_fields()
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    verification_status = models.CharField(
        _("verification"),
        max_length=20,
        choices=VerificationStatus.choices,
        default=VerificationStatus.PENDING,
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.TextField(_("why it was revoked"), blank=True)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("letter of authorisation")
        verbose_name_plural = _("letters of authorisation")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__gte=models.F("valid_from")), name="authorisation_dates"
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(principal)s, until %(date)s") % {
            "principal": self.principal_name,
            "date": date_format(self.valid_until, "DATE_FORMAT"),
        }

    def refusal(self, today: date) -> str:
        """Why no complaint can be filed under the letter today ("" when one can)."""
        principal = self.principal_name
        if self.revoked_at is not None:
            return gettext(
                "The letter of authorisation from %(principal)s was revoked on %(date)s: %(reason)s"
            ) % {
                "principal": principal,
                "date": date_format(timezone.localdate(self.revoked_at), "DATE_FORMAT"),
                "reason": self.revocation_reason,
            }
        if self.verification_status != VerificationStatus.VERIFIED:
            return gettext(
                "The letter of authorisation from %(principal)s has not been verified by an operator yet."
            ) % {"principal": principal}
        if today > self.valid_until:
            return gettext(
                "The letter of authorisation from %(principal)s expired on %(date)s: register a new letter."
            ) % {"principal": principal, "date": date_format(self.valid_until, "DATE_FORMAT")}
        if today < self.valid_from:
            return gettext("The letter of authorisation from %(principal)s is valid only from %(date)s.") % {
                "principal": principal,
                "date": date_format(self.valid_from, "DATE_FORMAT"),
            }
        return ""


class IPRight(HashedFilesModel):
    hashed_files = ("certificate", "evaluation_report")

    owner_org = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="ip_rights", verbose_name=_("holder")
    )
    right_type = models.CharField(_("type"), max_length=20, choices=RightType.choices)
    registration_number = models.CharField(_("registration number"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    owner_name = models.CharField(_("owner of record"), max_length=200)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=60, default="CN")
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    certificate = models.FileField(_("certificate"), upload_to="certificates/%Y/%m/")
    evaluation_report = models.FileField(
        _("patent evaluation report"),
        upload_to="evaluation-reports/%Y/%m/",
        blank=True,
        help_text=_("For utility model and design patents."),
    )
    certificate_sha256, certificate_size, certificate_content_type = integrity_fields()
    evaluation_report_sha256, evaluation_report_size, evaluation_report_content_type = integrity_fields()
    verification_status = models.CharField(
        _("verification"),
        max_length=20,
        choices=VerificationStatus.choices,
        default=VerificationStatus.PENDING,
    )
    authorisation = models.ForeignKey(
        Authorisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rights",
        verbose_name=_("letter of authorisation"),
        help_text=_("For an agency: the letter under which it enforces this right for its holder."),
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("IP right")
        verbose_name_plural = _("IP rights")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner_org", "right_type", "registration_number"], name="ip_right_unique_per_holder"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__gte=models.F("valid_from")), name="ip_right_dates"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_right_type_display()} {self.registration_number} — {self.title}"

    def clean(self) -> None:
        # The check constraint ip_right_dates says the same; said here, the error sits under the date it
        # concerns (a form then skips the constraint for a field already in error) instead of above the form.
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError(
                {
                    "valid_until": _("The validity cannot end before it starts (%(start)s).")
                    % {"start": date_format(self.valid_from, "DATE_FORMAT")}
                },
                code="ip_right_dates",
            )

    @property
    def expired(self) -> bool:
        return self.valid_until < timezone.localdate()


class ComplaintStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Complaint(FSMModelMixin, models.Model):
    filed_by_org = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="complaints",
        verbose_name=_("complainant"),
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("filed by")
    )
    right = models.ForeignKey(
        IPRight, on_delete=models.PROTECT, related_name="complaints", verbose_name=_("right")
    )
    # Set at submission for an agency's complaint: the letter it was filed under, whatever the right's letter
    # becomes later.
    authorisation = models.ForeignKey(
        Authorisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
        verbose_name=_("filed under the letter of authorisation"),
    )
    platform = models.ForeignKey(
        "platforms.Platform", on_delete=models.PROTECT, related_name="complaints", verbose_name=_("platform")
    )
    infringement_type = models.CharField(
        _("infringement type"), max_length=20, choices=InfringementType.choices
    )
    description = models.TextField(_("description"))
    good_faith_declared = models.BooleanField(_("good-faith declaration"), default=False)
    requested_administrative = models.BooleanField(
        _("ask for administrative handling"),
        default=False,
        help_text=_("Ask the IPR office to handle the case administratively (needs both parties' consent)."),
    )
    status = FSMField(
        _("status"), default=ComplaintStatus.DRAFT, choices=ComplaintStatus.choices, protected=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, db_index=True)
    # When the acknowledgement of receipt naming every case and the rule that routed it was sent.
    acknowledged_at = models.DateTimeField(_("receipt acknowledged at"), null=True, blank=True)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return _("Complaint %(number)s") % {"number": self.pk}

    @transition(field=status, source=ComplaintStatus.DRAFT, target=ComplaintStatus.SUBMITTED)
    def submit(self) -> None:
        """Completeness is checked by the service before this is called."""

    @transition(
        field=status,
        source=[ComplaintStatus.DRAFT, ComplaintStatus.SUBMITTED],
        target=ComplaintStatus.WITHDRAWN,
    )
    def withdraw(self) -> None:
        pass


class ListingStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting decision")
    TAKEN_DOWN = "taken_down", _("Taken down")
    REJECTED = "rejected", _("Notice rejected")
    RESTORED = "restored", _("Restored")


class Listing(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="listings")
    url = models.URLField(_("listing URL"), max_length=500, blank=True)
    listing_ref = models.CharField(_("listing id on the platform"), max_length=120, blank=True)
    store_ref = models.CharField(_("store id on the platform"), max_length=120)
    store_name = models.CharField(_("store name"), max_length=200, blank=True)
    # What the row says of the respondent store: given to a store made from the listings, and to a known
    # store where it has none (platforms.stores.stores_for_listings).
    store_email = models.EmailField(_("store's contact email"), blank=True)
    store_language = models.CharField(
        _("store's language"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    store_region = models.ForeignKey(
        "regions.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("store's region"),
    )
    store = models.ForeignKey(
        "platforms.Store", null=True, blank=True, on_delete=models.PROTECT, related_name="listings"
    )
    # The bulk file and row the listing was read from (none for a form or the API): a later row naming the
    # same listing is reported as repeating this one.
    bulk_upload = models.ForeignKey(
        "BulkUpload",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="listings",
        verbose_name=_("bulk upload"),
    )
    bulk_row = models.PositiveIntegerField(_("row of the bulk file"), null=True, blank=True)
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="listings"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ListingStatus.choices, default=ListingStatus.PENDING
    )

    class Meta:
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(url="") | ~models.Q(listing_ref=""), name="listing_has_url_or_ref"
            ),
            # One row per (url, listing id, store id) in a complaint, however often it is uploaded. Hashed,
            # because a btree entry of three long texts can exceed PostgreSQL's index row limit.
            models.UniqueConstraint(
                "complaint",
                MD5("url"),
                MD5("listing_ref"),
                MD5("store_ref"),
                name="listing_unique_per_complaint",
            ),
        ]
        # Splitting a submitted complaint assigns its listings store by store.
        indexes = [
            models.Index(fields=["complaint", "store_ref"], name="listing_complaint_store_ref"),
            # Splitting puts the listings not yet in a case into their store's case in one statement, and
            # the routing sweep finds them, both through the rows still unassigned only.
            models.Index(
                fields=["complaint", "store_ref"],
                condition=models.Q(case__isnull=True),
                name="listing_unassigned_by_store",
            ),
            # A case page shows its listings 100 at a time in id order: an index scan, not a sort of them all.
            models.Index(fields=["case", "id"], name="listing_case_page"),
        ]

    def __str__(self) -> str:
        return self.listing_ref or self.url


class EvidenceRequirement(models.Model):
    """How many evidence files a complaint of one infringement type needs before it can be submitted (China's
    E-Commerce Law art. 42 asks for preliminary evidence). Operators set it in the admin."""

    infringement_type = models.CharField(
        _("infringement type"), max_length=20, choices=InfringementType.choices, unique=True
    )
    minimum_files = models.PositiveSmallIntegerField(_("evidence files required"), default=1)

    class Meta:
        verbose_name = _("evidence requirement")
        verbose_name_plural = _("evidence requirements")
        ordering = ["infringement_type"]

    def __str__(self) -> str:
        return f"{self.get_infringement_type_display()}: {self.minimum_files}"

    @classmethod
    def minimum_for(cls, infringement_type: str) -> int:
        """The files required; one where no operator has set a number for the type."""
        row = cls.objects.filter(infringement_type=infringement_type).values_list("minimum_files", flat=True)
        return next(iter(row), DEFAULT_MINIMUM_EVIDENCE)


DEFAULT_MINIMUM_EVIDENCE = 1


class EvidenceFile(HashedFilesModel):
    hashed_files = ("file",)

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to="evidence/%Y/%m/")
    file_sha256, file_size, file_content_type = integrity_fields()
    original_name = models.CharField(_("file name"), max_length=255)
    description = models.CharField(_("description"), max_length=255, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class StagedEvidence(HashedFilesModel):
    """An evidence file chosen on a complaint form that came back with errors: kept under the form's token
    until the form is saved (then it becomes the complaint's EvidenceFile) instead of being dropped."""

    hashed_files = ("file",)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    form_token = models.UUIDField(_("form token"), db_index=True)
    file = models.FileField(_("file"), upload_to="evidence/%Y/%m/")
    file_sha256, file_size, file_content_type = integrity_fields()
    original_name = models.CharField(_("file name"), max_length=255)
    staged_at = models.DateTimeField(_("staged at"), auto_now_add=True)

    class Meta:
        verbose_name = _("staged evidence file")
        verbose_name_plural = _("staged evidence files")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class BulkUploadStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Processing")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class BulkUpload(HashedFilesModel):
    """A CSV or XLSX file of listings added to a draft complaint by a worker, batch by batch."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="bulk_uploads")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    hashed_files = ("file",)
    file = models.FileField(_("file"), upload_to="bulk/%Y/%m/")
    file_sha256, file_size, file_content_type = integrity_fields()
    original_name = models.CharField(_("file name"), max_length=255)
    file_format = models.CharField(_("format"), max_length=8)
    sha256 = models.CharField(_("SHA-256 of the content"), max_length=64)
    status = models.CharField(
        _("status"), max_length=20, choices=BulkUploadStatus.choices, default=BulkUploadStatus.QUEUED
    )
    total_rows = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    good_rows = models.PositiveIntegerField(_("good rows"), default=0)
    bad_rows = models.PositiveIntegerField(_("rows with errors"), default=0)
    # Rows naming a listing the complaint already has (from an earlier row or before the file): every row
    # read is added, a duplicate or refused, so processed_rows = added_listings + duplicate_rows + bad_rows.
    duplicate_rows = models.PositiveIntegerField(_("duplicate rows"), default=0)
    added_listings = models.PositiveIntegerField(_("listings added"), default=0)
    # The names of the file's columns (its header row as given, or the columns read by position), which
    # head the values in the errors report; set when the file is first read.
    column_names = models.JSONField(_("columns"), default=list, blank=True)
    failure = models.TextField(_("why the file failed"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("times started"), default=0)
    # Set when the upload is queued, when a worker starts it and with every batch; empty when a worker
    # let go of it after an error. The sweep and the watchdog (complaints.bulk_recovery) read it.
    heartbeat_at = models.DateTimeField(
        _("last sign of progress"), null=True, blank=True, default=timezone.now
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("bulk upload")
        verbose_name_plural = _("bulk uploads")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["complaint", "sha256"]),
            # The periodic sweep looks only at the few uploads not finished yet.
            models.Index(
                fields=["heartbeat_at"],
                condition=models.Q(status__in=["queued", "running"]),
                name="bulk_upload_unfinished",
            ),
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 100 if self.status in (BulkUploadStatus.DONE, BulkUploadStatus.FAILED) else 0
        return min(100, self.processed_rows * 100 // self.total_rows)

    @property
    def is_finished(self) -> bool:
        return self.status in (BulkUploadStatus.DONE, BulkUploadStatus.FAILED)

    @property
    def can_retry(self) -> bool:
        """A failed upload may be started again while its complaint is a draft."""
        return self.status == BulkUploadStatus.FAILED and self.complaint.status == ComplaintStatus.DRAFT


class BulkUploadRowError(models.Model):
    """One row of a bulk upload that added no listing, refused (with the reason) or a duplicate (code
    "duplicate"), with the values as given so that it can be corrected and re-sent."""

    upload = models.ForeignKey(BulkUpload, on_delete=models.CASCADE, related_name="row_errors")
    row_number = models.PositiveIntegerField(_("row"))
    field = models.CharField(_("column"), max_length=40, blank=True)
    code = models.CharField(_("code"), max_length=40)
    message = models.CharField(_("problem"), max_length=300)
    # For a duplicate (code "duplicate"): the earlier row of the same file naming the same listing.
    repeats_row = models.PositiveIntegerField(_("repeats row"), null=True, blank=True)
    values = models.JSONField(_("values"), default=list)

    class Meta:
        verbose_name = _("bulk upload row error")
        verbose_name_plural = _("bulk upload row errors")
        ordering = ["upload", "row_number"]
        constraints = [models.UniqueConstraint(fields=["upload", "row_number"], name="bulk_row_error_once")]

    def __str__(self) -> str:
        return f"{self.row_number}: {self.message}"


class IdempotencyKey(models.Model):
    """A POST answered once: the same key and body replay the stored response instead of acting again."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=500)
    request_hash = models.CharField(max_length=64)
    response_status = models.PositiveSmallIntegerField()
    response_body = models.JSONField(null=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_once_per_user")]

    def __str__(self) -> str:
        return f"{self.key} {self.method} {self.path}"
