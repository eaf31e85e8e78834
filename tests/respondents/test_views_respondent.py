"""The respondent's page: a signed, expiring, single-case link; the notice and the counter-notice."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.links import respondent_token
from cases.models import AdministrativeDecision, CaseStatus, CounterNotice, HandlingMode
from tests.factories import CaseFactory, EvidenceFileFactory, OfficeFactory, UserFactory
from tests.platforms.lifecycle import STATEMENT, decided_case

pytestmark = pytest.mark.django_db


def _url(case) -> str:
    return reverse("respondents:case", args=[respondent_token(case)])


def test_the_link_shows_the_notice_with_the_statement_of_reasons(client, platform, platform_user):
    case = decided_case(platform, platform_user)

    page = client.get(_url(case))

    body = page.content.decode()
    assert page.status_code == 200
    assert str(case.complaint.right) in body
    assert STATEMENT in body
    assert case.listings.get().listing_ref in body
    assert 'id="file-counter-notice"' in body
    assert case.complaint.description in body
    assert "file a counter-notice by" in body  # what the respondent may do, with its deadline
    # the notice, not the complainant's people: no user, no contact address
    complainant = case.complaint.filed_by
    assert complainant.username not in body and complainant.email not in body
    assert case.complaint.filed_by_org.contact_email not in body
    assert page["Cache-Control"].startswith("max-age=0")


def test_the_complainants_evidence_opens_through_the_link_and_only_its_own(client, platform, platform_user):
    case = decided_case(platform, platform_user)
    evidence = EvidenceFileFactory(complaint=case.complaint, original_name="test purchase.pdf")
    foreign = EvidenceFileFactory(original_name="other.pdf")
    token = respondent_token(case)

    page = client.get(_url(case)).content.decode()
    download = client.get(reverse("respondents:evidence", args=[token, evidence.pk]))
    other = client.get(reverse("respondents:evidence", args=[token, foreign.pk]))
    forged = client.get(reverse("respondents:evidence", args=[token[:-2] + "xx", evidence.pk]))

    assert reverse("respondents:evidence", args=[token, evidence.pk]) in page and "test purchase.pdf" in page
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert other.status_code == 404
    assert forged.status_code == 404


def test_an_administrative_case_shows_the_offices_decision_with_its_measures_and_reasoning(client):
    office = OfficeFactory()
    case = CaseFactory(status=CaseStatus.AWAITING_EXECUTION, mode=HandlingMode.ADMINISTRATIVE, office=office)
    AdministrativeDecision.objects.create(
        case=case,
        office=office,
        official=UserFactory(organisation=office.organisation),
        infringement_established=True,
        measures_ordered="Remove the listings within 3 working days.",
        reasoning="The goods bear a mark identical to the registered mark.",
    )

    body = client.get(_url(case)).content.decode()

    assert 'id="decision"' in body
    assert "Remove the listings within 3 working days." in body
    assert "identical to the registered mark" in body


def test_the_respondent_files_a_counter_notice_with_evidence(client, platform, platform_user):
    case = decided_case(platform, platform_user)
    invoice = SimpleUploadedFile("invoice.pdf", b"%PDF-1.4 invoice from the distributor", "application/pdf")

    response = client.post(
        _url(case),
        {
            "respondent_name": "Owner of the store",
            "contact_email": "owner@seller.example.test",
            "statement": "Genuine goods from the brand's distributor.",
            "evidence": [invoice],
            "declaration": "on",
        },
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.COUNTER_NOTICE_RECEIVED
    notice = CounterNotice.objects.get(case=case)
    assert [e.original_name for e in notice.evidence.all()] == ["invoice.pdf"]
    assert "Your counter-notice" in client.get(response.url).content.decode()


def test_a_counter_notice_without_the_declaration_is_shown_the_error(client, platform, platform_user):
    case = decided_case(platform, platform_user)

    response = client.post(
        _url(case), {"respondent_name": "Owner", "contact_email": "o@example.test", "statement": "Genuine."}
    )

    assert response.status_code == 200
    assert "must declare" in response.content.decode()
    assert not CounterNotice.objects.exists()


def test_an_executable_is_refused_as_evidence(client, platform, platform_user):
    case = decided_case(platform, platform_user)
    exe = SimpleUploadedFile("invoice.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")

    response = client.post(
        _url(case),
        {
            "respondent_name": "Owner",
            "contact_email": "o@example.test",
            "statement": "Genuine.",
            "evidence": [exe],
            "declaration": "on",
        },
    )

    assert response.status_code == 200
    assert "not accepted" in response.content.decode()
    assert not CounterNotice.objects.exists()


def test_an_expired_link_is_refused_clearly(client, platform, platform_user, settings, monkeypatch):
    case = decided_case(platform, platform_user)
    url = _url(case)
    settings.IPRGOV_RESPONDENT_LINK_DAYS = 30
    import time

    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + timedelta(days=31).total_seconds())

    response = client.get(url)

    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()


@pytest.mark.parametrize(
    "mangle",
    [lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"), lambda t: "x" + t, lambda t: "not-a-token"],
)
def test_a_tampered_link_is_refused_clearly(client, platform, platform_user, mangle):
    case = decided_case(platform, platform_user)

    response = client.get(reverse("respondents:case", args=[mangle(respondent_token(case))]))

    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()


def test_a_link_signed_for_another_store_is_refused(client, platform, platform_user):
    from django.core import signing

    from cases.links import RESPONDENT_LINK_SALT

    case = decided_case(platform, platform_user)
    token = signing.TimestampSigner(salt=RESPONDENT_LINK_SALT).sign_object(
        {"case": case.pk, "store": case.store_id + 1}
    )

    assert client.get(reverse("respondents:case", args=[token])).status_code == 404


def test_once_filed_the_form_is_gone_and_a_post_is_refused(client, platform, platform_user):
    case = decided_case(platform, platform_user)
    data = {
        "respondent_name": "Owner",
        "contact_email": "o@example.test",
        "statement": "Genuine.",
        "declaration": "on",
    }
    client.post(_url(case), data)

    again = client.post(_url(case), data, follow=True)

    assert "can no longer be filed" in again.content.decode()
    assert CounterNotice.objects.count() == 1
