import pytest
from django.urls import reverse

from cases.links import respondent_url
from cases.models import CaseStatus, ConsentParty, ConsentStatus
from tests.enforcement.admin_helpers import routed_administrative_case

pytestmark = pytest.mark.django_db


def test_the_respondent_link_page_asks_for_consent_and_a_refusal_needs_a_reason(client):
    case = routed_administrative_case()
    url = respondent_url(case)

    page = client.get(url)
    assert 'id="consent"' in page.content.decode()
    refused = client.post(f"{url}consent/", {"name": "Seller", "consent": "no", "reason": ""})

    assert refused.status_code == 400
    assert 'id="id_reason_errors"' in refused.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_CONSENT


def test_the_respondent_refuses_on_its_link_and_the_case_falls_back(client):
    case = routed_administrative_case()

    response = client.post(
        f"{respondent_url(case)}consent/", {"name": "Seller", "consent": "no", "reason": "No."}
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_PLATFORM
    assert case.consents.get(party=ConsentParty.RESPONDENT).status == ConsentStatus.REFUSED


def test_the_complainant_consents_on_its_case_page(login):
    case = routed_administrative_case(requested=False)
    client = login(case.complaint.filed_by)

    page = client.get(reverse("complaints:case_detail", args=[case.pk]))
    assert 'id="consent"' in page.content.decode()
    refused = client.post(reverse("parties:consent_answer", args=[case.pk]), {"consent": "no"})
    assert refused.status_code == 400 and 'id="id_reason_errors"' in refused.content.decode()
    given = client.post(reverse("parties:consent_answer", args=[case.pk]), {"consent": "yes"})

    assert given.status_code == 302
    assert case.consents.get(party=ConsentParty.COMPLAINANT).status == ConsentStatus.GIVEN


def test_the_platform_cannot_confirm_execution_before_deciding_and_is_told_why(login):
    from tests.factories import UserFactory

    case = routed_administrative_case()
    client = login(UserFactory(organisation=case.platform.organisation))

    response = client.post(reverse("parties:execution_confirm", args=[case.pk]), {}, follow=True)

    assert "Only an executed administrative decision can be confirmed." in response.content.decode()
