"""Official documents of a case: numbered, stored as PDF files with their SHA-256, never regenerated."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from iprgov.file_integrity import HashedFilesModel, integrity_fields


class DocumentKind(models.TextChoices):
    NOTICE = "notice", _("Notice to the respondent")
    STATEMENT_OF_REASONS = "statement_of_reasons", _("Statement of reasons")
    OPINION = "opinion", _("Determination opinion")
    CONSENT_RECORD = "consent_record", _("Record of consent to administrative handling")
    MEDIATION_AGREEMENT = "mediation_agreement", _("Mediation agreement")
    ADMINISTRATIVE_DECISION = "administrative_decision", _("Administrative decision")


class DocumentLanguage(models.TextChoices):
    CHINESE = "zh-hans", "中文"
    ENGLISH = "en", "English"


class OfficialDocument(models.Model):
    """One official document of a case (at most one of each kind), issued once with both language versions."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="documents", verbose_name=_("case")
    )
    kind = models.CharField(_("document"), max_length=30, choices=DocumentKind.choices)
    issuer = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("issued by")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("number in the year"))
    number = models.CharField(_("document number"), max_length=40, unique=True)
    issued_on = models.DateField(_("date"))
    # Printed on the document and in its QR code: the key of its public verification page.
    verification_code = models.CharField(_("verification code"), max_length=32, unique=True)
    created_at = models.DateTimeField(_("generated at"), auto_now_add=True)

    class Meta:
        verbose_name = _("official document")
        verbose_name_plural = _("official documents")
        ordering = ["issued_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind"], name="document_one_per_kind_and_case"),
            models.UniqueConstraint(fields=["issuer", "year", "sequence"], name="document_number_per_issuer"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class DocumentFile(HashedFilesModel):
    """The stored PDF of one language version; the file is the record, its SHA-256, size and content type
    recorded when it was made (iprgov.file_integrity, as for every stored file)."""

    hashed_files = ("file",)

    document = models.ForeignKey(
        OfficialDocument, on_delete=models.PROTECT, related_name="files", verbose_name=_("document")
    )
    language = models.CharField(_("language"), max_length=10, choices=DocumentLanguage.choices)
    file = models.FileField(_("file"), upload_to="documents/%Y/%m/")
    file_sha256, file_size, file_content_type = integrity_fields()

    class Meta:
        verbose_name = _("document file")
        verbose_name_plural = _("document files")
        ordering = ["document", "language"]
        constraints = [
            models.UniqueConstraint(fields=["document", "language"], name="document_file_one_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.document} ({self.language})"


class DocumentSequence(models.Model):
    """The last number an issuer gave in a year; locked while a document takes the next one."""

    issuer = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "year"], name="document_sequence_per_issuer_year")
        ]

    def __str__(self) -> str:
        return f"{self.issuer_id}/{self.year}: {self.last}"
