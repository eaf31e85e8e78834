"""Issuing a case's official documents: numbered, rendered once in each language, stored with their SHA-256.

A document is issued once: the stored PDF is the record, never regenerated. It is issued by a task after
the commit of the action that made its record final (documents.receivers) or, if that task was lost, on
its first download; both go through `document_issue`, which does nothing for a document already issued.
"""

import base64
import logging
import secrets
import uuid

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from accounts.models import Organisation
from audit.actors import SYSTEM
from audit.services import audit_record
from cases.models import Case
from documents.models import DocumentFile, DocumentKind, DocumentLanguage, DocumentSequence, OfficialDocument
from documents.records import DocumentSource, document_source, kinds_available_now
from documents.rendering import pdf_from_template, qr_data_uri, verification_url
from documents.wording import WORDING, date_in

log = logging.getLogger(__name__)

DOCUMENT_ISSUED = "document_issued"


def new_verification_code() -> str:
    """80 random bits in 16 letters and digits that read unambiguously aloud and in print (base32)."""
    return base64.b32encode(secrets.token_bytes(10)).decode()


def _next_sequence(issuer: Organisation, year: int) -> int:
    """The issuer's next number in the year. The counter row stays locked until the document commits, so
    numbers follow one another without a gap and a number is never given twice."""
    DocumentSequence.objects.bulk_create([DocumentSequence(issuer=issuer, year=year)], ignore_conflicts=True)
    counter = DocumentSequence.objects.select_for_update().get(issuer=issuer, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def document_number(*, issuer_id: int, year: int, sequence: int) -> str:
    return f"{issuer_id}-{year}-{sequence:05d}"


def pdf_context(source: DocumentSource, document: OfficialDocument | None, language: str) -> dict:
    """What the PDF templates print; without a document (a case summary) there is no number and no code."""
    context: dict = {
        "title": WORDING[language][source.kind or "case_summary"],
        "case": source.case,
        "issuer": source.issuer,
        "issued_on_text": date_in(language, source.issued_on),
        "listings": source.listings,
        "evidence": source.evidence,
        "records": source.records,
    }
    if document is not None:
        url = verification_url(document.verification_code)
        context |= {
            "number": document.number,
            "verification_code": document.verification_code,
            "verification_url": url,
            "qr": qr_data_uri(url),
        }
    return context


def document_issue(*, case_id: int, kind: DocumentKind) -> OfficialDocument:
    """The case's document of this kind with its file in each language, issued now if it was not before.

    The number is taken in a short transaction of its own, so that an issuer's counter is never locked while
    a PDF is rendered; the files are rendered and stored next. A language whose file is missing (a render
    that failed) is rendered on the next call from the same records; a stored file is never replaced.
    The caller has checked that whoever asks may see the case. Raises DocumentNotAvailable while the record
    is not final, Case.DoesNotExist for a case that does not exist.
    """
    document = OfficialDocument.objects.filter(case_id=case_id, kind=kind).first()
    if document is None:
        document = _document_number_take(case_id=case_id, kind=kind)
    _document_files_complete(document)
    return document


@transaction.atomic
def _document_number_take(*, case_id: int, kind: DocumentKind) -> OfficialDocument:
    # Lock the case: the task after the record's commit and a first download can arrive together.
    Case.objects.select_for_update(of=("self",)).only("pk").get(pk=case_id)
    existing = OfficialDocument.objects.filter(case_id=case_id, kind=kind).first()
    if existing is not None:
        return existing
    source = document_source(case_id=case_id, kind=kind)
    issuer, year = source.issuer, source.issued_on.year
    assert issuer is not None  # every document has an issuer; only a case summary has none
    sequence = _next_sequence(issuer, year)
    document = OfficialDocument.objects.create(
        case=source.case,
        kind=kind,
        issuer=issuer,
        year=year,
        sequence=sequence,
        number=document_number(issuer_id=issuer.pk, year=year, sequence=sequence),
        issued_on=source.issued_on,
        verification_code=new_verification_code(),
    )
    audit_record(actor=SYSTEM, subject=document, action=DOCUMENT_ISSUED, note=f"{kind} {document.number}")
    return document


def _document_files_complete(document: OfficialDocument) -> None:
    stored = set(document.files.values_list("language", flat=True))
    missing = [language for language in DocumentLanguage.values if language not in stored]
    if not missing:
        return
    source = document_source(case_id=document.case_id, kind=DocumentKind(document.kind))
    for language in missing:
        pdf = pdf_from_template(
            f"documents/pdf/{document.kind}.html", pdf_context(source, document, language), language=language
        )
        try:
            with transaction.atomic():
                DocumentFile.objects.create(
                    document=document,
                    language=language,
                    # Its SHA-256, size and content type are recorded on save (HashedFilesModel).
                    file=ContentFile(pdf, name=f"{uuid.uuid4().hex}.pdf"),
                )
        except IntegrityError:
            # Another process stored this language first: its file is the record.
            log.info("document %s (%s) was stored first by another process", document.number, language)


def documents_issue_available(*, case_id: int) -> list[OfficialDocument]:
    """Every document whose record is final, each issued in its own transaction (the task's work)."""
    case = Case.objects.get(pk=case_id)
    return [document_issue(case_id=case_id, kind=kind) for kind in kinds_available_now(case)]
