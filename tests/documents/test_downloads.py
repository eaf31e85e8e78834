"""Each party downloads a case's documents from its case page; the respondent through its signed link;
anyone else gets a 404. The public verification page names the document, never a person."""

import hashlib
import re
import time
from datetime import timedelta

import pytest
from django.urls import reverse

from accounts.models import OrgKind
from cases.links import respondent_token
from documents.models import DocumentFile, DocumentKind, DocumentLanguage, OfficialDocument
from tests.documents import builders
from tests.factories import CaseFactory, OfficeFactory, OrganisationFactory, PlatformFactory, UserFactory

pytestmark = pytest.mark.django_db
# A document's file records its hash as every stored file does (iprgov.file_integrity): file_sha256, file_size.

OPINION = DocumentKind.OPINION


def _url(case, kind=OPINION, lang=""):
    url = reverse("documents:case_document", args=[case.pk, kind])
    return f"{url}?lang={lang}" if lang else url


def _respondent_url(case, kind=OPINION, lang=""):
    url = reverse("documents:respondent_document", args=[respondent_token(case), kind])
    return f"{url}?lang={lang}" if lang else url


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def _stored(case, language):
    return DocumentFile.objects.get(document__case=case, document__kind=OPINION, language=language)


def _parties(case):
    return {
        "complainant": UserFactory(organisation=case.complaint.filed_by_org),
        "platform": UserFactory(organisation=case.platform.organisation),
        "office": UserFactory(organisation=case.office.organisation),
    }


def test_every_party_downloads_the_same_stored_document(client, login):
    # given an assisted case whose opinion was issued
    case = builders.assisted_case_with_opinion()

    # when each party downloads the opinion in English
    bodies = {}
    for party, user in _parties(case).items():
        login(user)
        response = client.get(_url(case, lang="en"))
        assert response.status_code == 200, party
        assert response["Content-Type"] == "application/pdf"
        assert response["Cache-Control"] == "private, no-store"
        assert "attachment" in response["Content-Disposition"]
        bodies[party] = _body(response)

    # then each received the one stored file, issued once
    stored = _stored(case, DocumentLanguage.ENGLISH)
    assert {hashlib.sha256(body).hexdigest() for body in bodies.values()} == {stored.file_sha256}
    assert OfficialDocument.objects.filter(case=case).count() == 1


def test_the_readers_language_is_the_default_and_another_can_be_chosen(client, login):
    case = builders.assisted_case_with_opinion()
    user = UserFactory(organisation=case.complaint.filed_by_org, language="zh-hans")
    login(user)
    client.cookies["django_language"] = "zh-hans"

    default = _body(client.get(_url(case), HTTP_ACCEPT_LANGUAGE="zh-hans"))
    english = _body(client.get(_url(case, lang="en")))

    assert hashlib.sha256(default).hexdigest() == _stored(case, DocumentLanguage.CHINESE).file_sha256
    assert hashlib.sha256(english).hexdigest() == _stored(case, DocumentLanguage.ENGLISH).file_sha256


def test_a_language_documents_are_not_issued_in_is_a_400(client, login):
    case = builders.assisted_case_with_opinion()
    login(UserFactory(organisation=case.complaint.filed_by_org))

    response = client.get(_url(case, lang="fr"))

    assert response.status_code == 400
    assert "zh-hans" in response.content.decode()


@pytest.mark.parametrize(
    "outsider",
    [
        lambda: UserFactory(organisation=OrganisationFactory(kind=OrgKind.RIGHTSHOLDER)),
        lambda: UserFactory(organisation=PlatformFactory().organisation),
        lambda: UserFactory(organisation=OfficeFactory().organisation),
        lambda: UserFactory(),  # no organisation
    ],
)
def test_another_organisations_document_is_a_404(client, login, outsider):
    case = builders.assisted_case_with_opinion()
    login(outsider())

    assert client.get(_url(case)).status_code == 404
    assert client.get(reverse("documents:case_file", args=[case.pk])).status_code == 404
    # Nothing was issued for someone who may not see the case.
    assert not OfficialDocument.objects.exists()


def test_signed_out_the_download_asks_to_sign_in(client):
    case = builders.assisted_case_with_opinion()

    response = client.get(_url(case))

    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_a_document_whose_record_is_not_final_is_a_404(client, login):
    case = CaseFactory(status="awaiting_platform", mode="platform")
    login(UserFactory(organisation=case.platform.organisation))

    assert client.get(_url(case, DocumentKind.NOTICE)).status_code == 404
    assert client.get(_url(case, "no-such-kind")).status_code == 404


def test_the_respondent_downloads_through_its_link_in_its_stores_language(client):
    case = builders.assisted_case_with_opinion()
    case.store.language = "zh-hans"
    case.store.save()

    response = client.get(_respondent_url(case))

    assert response.status_code == 200
    assert hashlib.sha256(_body(response)).hexdigest() == _stored(case, DocumentLanguage.CHINESE).file_sha256


def test_an_altered_or_expired_respondent_link_gets_no_document(client, settings, monkeypatch):
    case = builders.assisted_case_with_opinion()
    token = respondent_token(case)
    other = CaseFactory()

    altered = client.get(reverse("documents:respondent_document", args=[token[:-2] + "xx", OPINION]))
    other_case = client.get(reverse("documents:respondent_document", args=[respondent_token(other), OPINION]))
    real = time.time
    monkeypatch.setattr(
        time,
        "time",
        lambda: real() + timedelta(days=settings.IPRGOV_RESPONDENT_LINK_DAYS + 1).total_seconds(),
    )
    expired = client.get(reverse("documents:respondent_document", args=[token, OPINION]))

    assert altered.status_code == 404
    assert other_case.status_code == 404  # that case has no opinion: its own link shows only its own
    assert expired.status_code == 410


def test_a_stored_file_that_was_altered_is_not_served(client, login):
    case = builders.assisted_case_with_opinion()
    login(UserFactory(organisation=case.complaint.filed_by_org))
    client.get(_url(case, lang="en"))
    stored = _stored(case, DocumentLanguage.ENGLISH)
    with open(stored.file.path, "ab") as handle:
        handle.write(b"% appended behind the application's back")

    response = client.get(_url(case, lang="en"))

    assert response.status_code == 409


def test_the_verification_page_names_the_document_and_its_hashes_but_no_person(client):
    case = builders.administrative_case_accepted()
    client.get(
        reverse("documents:respondent_document", args=[respondent_token(case), DocumentKind.CONSENT_RECORD])
    )
    document = OfficialDocument.objects.get(case=case, kind=DocumentKind.CONSENT_RECORD)

    response = client.get(reverse("documents:verify", args=[document.verification_code]))

    page = response.content.decode()
    assert response.status_code == 200
    assert document.number in page and document.issuer.name in page
    assert document.issued_on.isoformat() in page
    for stored in document.files.all():
        assert stored.file_sha256 in page
    for personal in ("Li Wei", case.store.name, case.store.external_id, case.complaint.filed_by_org.name):
        assert personal not in page


def test_an_unknown_verification_code_is_a_404_that_says_so(client):
    response = client.get(reverse("documents:verify", args=["AAAABBBBCCCCDDDD"]))

    assert response.status_code == 404
    assert "AAAABBBBCCCCDDDD" in response.content.decode()


def test_each_case_page_links_the_documents_of_the_case(client, login):
    case = builders.platform_case_with_notice()
    pages = {
        reverse("complaints:case_detail", args=[case.pk]): UserFactory(
            organisation=case.complaint.filed_by_org
        ),
        reverse("platforms:case_detail", args=[case.pk]): UserFactory(
            organisation=case.platform.organisation
        ),
    }
    for page, user in pages.items():
        login(user)
        html = client.get(page).content.decode()
        assert _url(case, DocumentKind.NOTICE) in html, page
        assert _url(case, DocumentKind.STATEMENT_OF_REASONS) in html, page
        assert _url(case, OPINION) not in html, page
        assert reverse("documents:case_file", args=[case.pk]) in html, page
    respondent_page = client.get(reverse("respondents:case", args=[respondent_token(case)])).content.decode()
    assert re.search(rf'href="/documents/respond/[^/"]+/{DocumentKind.NOTICE}/"', respondent_page)
    assert re.search(r'href="/documents/respond/[^/"]+/case-file/"', respondent_page)

    assisted = builders.assisted_case_with_opinion()
    login(builders.office_user_of(assisted))
    office_page = client.get(reverse("enforcement:case_detail", args=[assisted.pk])).content.decode()
    assert _url(assisted, OPINION) in office_page
