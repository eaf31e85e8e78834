"""Each official document is issued once, in Chinese and in English, with its CJK font embedded, the
parties, the text of record, the evidence's SHA-256 and a verification code."""

import hashlib

import pytest
from django.db import connection
from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError

from documents.models import DocumentKind, DocumentLanguage, DocumentSequence, OfficialDocument
from documents.records import DocumentNotAvailable
from documents.rendering import fetcher
from documents.services import document_issue, documents_issue_available
from documents.wording import WORDING
from tests.documents import builders
from tests.documents.pdf_reading import embedded_fonts, pdf_text
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db
# A document's file records its hash as every stored file does (iprgov.file_integrity): file_sha256, file_size.

CASES = {
    DocumentKind.NOTICE: builders.platform_case_with_notice,
    DocumentKind.STATEMENT_OF_REASONS: builders.platform_case_with_notice,
    DocumentKind.OPINION: builders.assisted_case_with_opinion,
    DocumentKind.CONSENT_RECORD: builders.administrative_case_accepted,
    DocumentKind.MEDIATION_AGREEMENT: builders.administrative_case_mediated,
    DocumentKind.ADMINISTRATIVE_DECISION: builders.administrative_case_decided,
}

# A phrase of the text of record each document must carry, as written.
RECORD_TEXT = {
    DocumentKind.NOTICE: "Counterfeit goods bearing the registered mark.",
    DocumentKind.STATEMENT_OF_REASONS: "A test purchase showed goods bearing the registered mark",
    DocumentKind.OPINION: "商标相同，商品相同",
    DocumentKind.CONSENT_RECORD: "Li Wei 李伟",
    DocumentKind.MEDIATION_AGREEMENT: "被投诉人下架商品并赔偿五千元",
    DocumentKind.ADMINISTRATIVE_DECISION: "Remove the listings within 3 days.",
}


def _squeezed(text: str) -> str:
    """Text extraction breaks lines where the PDF wrapped them: compare without whitespace."""
    return "".join(text.split())


@pytest.mark.parametrize("kind", list(CASES))
def test_document_issued_in_both_languages_with_embedded_cjk_font(kind):
    # given a case whose record of this kind is final
    case = CASES[kind]()

    # when its document is issued
    document = document_issue(case_id=case.pk, kind=kind)

    # then there is one stored PDF per language, each with its SHA-256, the CJK font embedded and its text
    files = {f.language: f for f in document.files.all()}
    assert set(files) == set(DocumentLanguage.values)
    evidence_hashes = [hashlib.sha256(e.file.read()).hexdigest() for e in case.complaint.evidence.all()]
    for language, stored in files.items():
        data = stored.file.read()
        assert data.startswith(b"%PDF-")
        assert hashlib.sha256(data).hexdigest() == stored.file_sha256 and len(data) == stored.file_size
        assert any("Noto-Sans-CJK-SC" in font for font in embedded_fonts(data)), embedded_fonts(data)
        text = _squeezed(pdf_text(data))
        wording = WORDING[language]
        for expected in (
            wording[kind],
            wording["number"],
            document.number,
            document.verification_code,
            case.store.external_id,
            case.platform.organisation.name,
            _squeezed(RECORD_TEXT[kind]),
            *evidence_hashes,
        ):
            assert _squeezed(expected) in text, (language, expected)
    platform_issues = kind in (DocumentKind.NOTICE, DocumentKind.STATEMENT_OF_REASONS)
    issuer = case.platform if platform_issues else case.office
    assert issuer is not None and document.issuer == issuer.organisation


def test_a_document_is_issued_once_and_never_regenerated():
    # given an issued opinion
    case = builders.assisted_case_with_opinion()
    first = document_issue(case_id=case.pk, kind=DocumentKind.OPINION)
    hashes = sorted(first.files.values_list("file_sha256", flat=True))

    # when it is asked for again (a second download, the task after commit)
    again = document_issue(case_id=case.pk, kind=DocumentKind.OPINION)
    documents_issue_available(case_id=case.pk)

    # then it is the same document with the same files
    assert again.pk == first.pk
    assert sorted(again.files.values_list("file_sha256", flat=True)) == hashes
    assert OfficialDocument.objects.filter(case=case).count() == 1


def test_document_numbers_follow_one_another_per_issuer_and_year():
    # given a platform case whose notice was forwarded
    first = builders.platform_case_with_notice()

    # when its notice and its statement of reasons are issued
    issued = documents_issue_available(case_id=first.pk)

    # then the platform's numbers in the year are 1, 2, … and the counter says so
    assert [d.sequence for d in issued] == [1, 2]
    year = issued[0].year
    assert issued[0].number == f"{first.platform.organisation_id}-{year}-00001"
    assert DocumentSequence.objects.get(issuer=first.platform.organisation, year=year).last == 2


def test_no_document_before_its_record_is_final():
    case = CaseFactory(status="awaiting_platform", mode="platform")

    with pytest.raises(DocumentNotAvailable):
        document_issue(case_id=case.pk, kind=DocumentKind.NOTICE)

    assert not OfficialDocument.objects.exists()


def test_issuing_is_recorded_in_the_audit_trail():
    case = builders.assisted_case_with_opinion()

    document = document_issue(case_id=case.pk, kind=DocumentKind.OPINION)

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT note FROM audit_auditentry WHERE subject_type = 'officialdocument' AND subject_id = %s",
            [document.pk],
        )
        assert cursor.fetchall() == [(f"opinion {document.number}",)]


def test_a_language_whose_file_was_not_stored_is_rendered_next_time_and_the_other_is_kept():
    # given an issued opinion whose English file was never stored (its rendering failed)
    case = builders.assisted_case_with_opinion()
    document = document_issue(case_id=case.pk, kind=DocumentKind.OPINION)
    chinese = document.files.get(language=DocumentLanguage.CHINESE)
    document.files.filter(language=DocumentLanguage.ENGLISH).delete()

    # when it is asked for again
    again = document_issue(case_id=case.pk, kind=DocumentKind.OPINION)

    # then the same document (number, code) has its English file again, and the Chinese one is untouched
    assert (again.pk, again.number) == (document.pk, document.number)
    assert again.files.get(language=DocumentLanguage.CHINESE).file_sha256 == chinese.file_sha256
    english = again.files.get(language=DocumentLanguage.ENGLISH)
    assert document.verification_code in pdf_text(english.file.read())


@pytest.mark.parametrize("address", ["file:///etc/passwd", "http://169.254.169.254/latest/meta-data/"])
def test_rendering_fetches_no_file_and_no_address(address):
    html = f'<html><body><img src="{address}"><p>x</p></body></html>'

    with pytest.raises(FatalURLFetchingError):
        HTML(string=html, url_fetcher=fetcher()).write_pdf()


def test_the_letterhead_is_the_issuers_profile():
    # given an office whose profile has a letterhead line and an address
    case = builders.assisted_case_with_opinion()
    assert case.office is not None
    office = case.office.organisation
    office.letterhead = "北京市知识产权局 Beijing IPR Office · Tel. 010-12345678"
    office.address = "12 Jianguo Road, Chaoyang, Beijing 100022"
    office.save()

    # when its opinion is issued, then every language version carries both under the office's name
    document = document_issue(case_id=case.pk, kind=DocumentKind.OPINION)
    for stored in document.files.all():
        text = _squeezed(pdf_text(stored.file.read()))
        for line in (office.name, office.letterhead, office.address):
            assert _squeezed(line) in text
