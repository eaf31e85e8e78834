"""The respondent's page: a signed, expiring, single-case link; the notice and the counter-notice."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.links import respondent_token
from cases.models import CaseStatus, CounterNotice
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
    # the complainant's evidence and description are not the respondent's to see
    assert "evidence_download" not in body and case.complaint.description not in body
    assert page["Cache-Control"].startswith("max-age=0")


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
