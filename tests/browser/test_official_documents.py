"""An official downloads the office's determination opinion from the case page in a real chromium, and the
code printed on it opens the public verification page."""

import hashlib
from pathlib import Path

import pytest
from playwright.sync_api import expect

from documents.models import DocumentLanguage, OfficialDocument
from tests.browser.test_journeys import _screenshot
from tests.documents import builders
from tests.documents.pdf_reading import pdf_text

# A document's file records its hash as every stored file does (iprgov.file_integrity): file_sha256, file_size.


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_official_downloads_the_opinion_from_the_case_page(page, log_in):
    # given an issued opinion: its document was issued after the commit
    case = builders.assisted_case_with_opinion()
    document = OfficialDocument.objects.get(case=case)
    english = document.files.get(language=DocumentLanguage.ENGLISH)

    # when an official of the office opens the case page and downloads the English version
    log_in(builders.office_user_of(case))
    page.goto(f"/office/cases/{case.pk}/")
    documents = page.locator("ul.documents")
    expect(documents).to_contain_text("Determination opinion")
    with page.expect_download() as download_info:
        documents.get_by_role("link", name="English").click()
    download = download_info.value

    # then the file is the stored document, and its verification code opens its public page
    data = Path(download.path()).read_bytes()
    assert hashlib.sha256(data).hexdigest() == english.file_sha256
    assert download.suggested_filename.endswith(".pdf")
    assert document.verification_code in pdf_text(data)
    page.goto(f"/documents/verify/{document.verification_code}/")
    expect(page.locator("#number")).to_have_text(document.number)
    expect(page.locator("table")).to_contain_text(english.file_sha256)
    _screenshot(page, "official-document-verified")
