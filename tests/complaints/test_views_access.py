"""What another organisation may and may not reach: anything outside its scope is a 404."""

import pytest
from django.urls import reverse

from accounts.models import OrgKind
from tests.factories import (
    CaseFactory,
    ComplaintFactory,
    EvidenceFileFactory,
    OrganisationFactory,
    PlatformFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(rightsholder_user, platform):
    complaint = ComplaintFactory(
        right__owner_org=rightsholder_user.organisation,
        filed_by=rightsholder_user,
        platform=platform,
        status="submitted",
    )
    return CaseFactory(complaint=complaint)


@pytest.fixture
def evidence(case):
    return EvidenceFileFactory(complaint=case.complaint, original_name='Receipt "March".pdf')


@pytest.fixture
def other_rightsholder():
    return UserFactory(organisation=OrganisationFactory(kind=OrgKind.RIGHTSHOLDER))


def downloaded(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("url_name", ["complaint_detail", "case_detail"])
def test_the_complainant_sees_its_complaint_and_case_pages_with_evidence_links(
    rightsholder_user, case, evidence, login, url_name
):
    client = login(rightsholder_user)
    pk = case.complaint_id if url_name == "complaint_detail" else case.pk

    response = client.get(reverse(f"complaints:{url_name}", args=[pk]))

    assert response.status_code == 200
    assert reverse("complaints:evidence_download", args=[evidence.pk]) in response.content.decode()


@pytest.mark.parametrize("url_name", ["complaint_detail", "case_detail"])
def test_another_rightsholder_gets_a_404_for_complaint_and_case_pages(
    other_rightsholder, case, login, url_name
):
    client = login(other_rightsholder)
    pk = case.complaint_id if url_name == "complaint_detail" else case.pk

    response = client.get(reverse(f"complaints:{url_name}", args=[pk]))

    assert response.status_code == 404


def test_another_rightsholder_gets_a_404_for_evidence(other_rightsholder, evidence, login):
    client = login(other_rightsholder)

    response = client.get(reverse("complaints:evidence_download", args=[evidence.pk]))

    assert response.status_code == 404


def test_the_complainant_downloads_its_evidence_as_an_attachment_under_its_original_name(
    rightsholder_user, evidence, login
):
    client = login(rightsholder_user)

    response = client.get(reverse("complaints:evidence_download", args=[evidence.pk]))

    assert response.status_code == 200
    assert downloaded(response) == b"%PDF-1.4 evidence"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Receipt March.pdf"'


def test_the_complainant_downloads_evidence_of_a_draft(rightsholder_user, login):
    draft = ComplaintFactory(right__owner_org=rightsholder_user.organisation, filed_by=rightsholder_user)
    evidence = EvidenceFileFactory(complaint=draft)
    client = login(rightsholder_user)

    response = client.get(reverse("complaints:evidence_download", args=[evidence.pk]))

    assert response.status_code == 200


def test_the_platform_of_the_case_downloads_the_evidence(platform_user, evidence, login):
    client = login(platform_user)

    response = client.get(reverse("complaints:evidence_download", args=[evidence.pk]))

    assert response.status_code == 200
    assert downloaded(response) == b"%PDF-1.4 evidence"


def test_a_user_of_an_unrelated_platform_gets_a_404_for_evidence(evidence, login):
    stranger = UserFactory(organisation=PlatformFactory().organisation)
    client = login(stranger)

    response = client.get(reverse("complaints:evidence_download", args=[evidence.pk]))

    assert response.status_code == 404


def test_the_office_of_the_case_downloads_the_evidence_and_another_office_gets_a_404(
    case, evidence, office, office_user, login
):
    case.office = office
    case.save(update_fields=["office"])
    other_office_user = UserFactory(organisation=OrganisationFactory(kind=OrgKind.OFFICE))
    url = reverse("complaints:evidence_download", args=[evidence.pk])

    own = login(office_user).get(url)
    other = login(other_office_user).get(url)

    assert own.status_code == 200
    assert other.status_code == 404


def test_anonymous_users_are_sent_to_log_in_for_evidence(client, evidence):
    response = client.get(reverse("complaints:evidence_download", args=[evidence.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_platform_user_cannot_open_the_rightsholder_case_page(platform_user, case, login):
    client = login(platform_user)

    response = client.get(reverse("complaints:case_detail", args=[case.pk]))

    assert response.status_code == 404
