import pytest
from django.urls import reverse

from complaints.models import IPRight, RightType, VerificationStatus
from tests.complaints.helpers import PDF, WINDOWS_EXE, upload
from tests.factories import IPRightFactory

pytestmark = pytest.mark.django_db

CREATE_URL = reverse("complaints:right_create")


def right_data(**overrides: object) -> dict:
    data: dict = {
        "right_type": RightType.UTILITY_MODEL,
        "registration_number": "ZL202120000001.X",
        "title": "Folding bicycle hinge",
        "owner_name": "Example Bikes Ltd.",
        "jurisdiction": "CN",
        "valid_from": "2021-03-01",
        "valid_until": "2031-02-28",
        "certificate": upload("certificate.pdf", PDF),
        "evaluation_report": upload("evaluation.pdf", PDF),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_a_registered_right_is_pending_and_listed_with_a_note_on_verification(rightsholder_user, login):
    client = login(rightsholder_user)

    response = client.post(CREATE_URL, right_data(), follow=True)

    right = IPRight.objects.get()
    assert right.owner_org == rightsholder_user.organisation
    assert right.verification_status == VerificationStatus.PENDING
    certificate, report = right.certificate.name, right.evaluation_report.name
    assert certificate is not None and report is not None
    assert certificate.startswith("certificates/") and certificate.endswith(".pdf")
    assert "certificate" not in certificate.rsplit("/", 1)[-1]
    assert report.endswith(".pdf")
    page = response.content.decode()
    assert "once an operator has verified it" in page
    assert "Pending verification" in page
    assert "Folding bicycle hinge" in page


def test_a_certificate_that_is_not_a_document_is_refused_next_to_its_field(rightsholder_user, login):
    client = login(rightsholder_user)

    response = client.post(CREATE_URL, right_data(certificate=upload("cert.pdf", WINDOWS_EXE)))

    assert response.status_code == 200
    assert response.context["form"].errors["certificate"] == [
        "cert.pdf: this kind of file is not accepted (PDF, images, Office documents)."
    ]
    assert not IPRight.objects.exists()


def test_a_missing_certificate_is_reported_next_to_its_field(rightsholder_user, login):
    client = login(rightsholder_user)

    response = client.post(CREATE_URL, right_data(certificate=None))

    assert response.status_code == 200
    assert "certificate" in response.context["form"].errors
    assert not IPRight.objects.exists()


def test_a_right_registered_twice_is_refused_on_the_form(rightsholder_user, login):
    IPRightFactory(
        owner_org=rightsholder_user.organisation,
        right_type=RightType.UTILITY_MODEL,
        registration_number="ZL202120000001.X",
    )
    client = login(rightsholder_user)

    response = client.post(CREATE_URL, right_data())

    assert response.status_code == 200
    assert response.context["form"].errors
    assert IPRight.objects.count() == 1


def test_validity_ending_before_it_starts_is_refused(rightsholder_user, login):
    client = login(rightsholder_user)

    response = client.post(CREATE_URL, right_data(valid_from="2031-01-01", valid_until="2021-01-01"))

    assert response.status_code == 200
    form = response.context["form"]
    # Next to the date, not above the form, and never the constraint's name.
    assert list(form.errors) == ["valid_until"]
    assert form.non_field_errors() == []
    assert "ip_right_dates" not in response.content.decode()
    assert not IPRight.objects.exists()


def test_the_right_list_shows_only_the_organisations_rights(rightsholder_user, login):
    own = IPRightFactory(owner_org=rightsholder_user.organisation)
    foreign = IPRightFactory()
    client = login(rightsholder_user)

    response = client.get(reverse("complaints:right_list"))

    page = response.content.decode()
    assert own.title in page
    assert foreign.title not in page


def test_the_evaluation_report_is_optional(rightsholder_user, login):
    client = login(rightsholder_user)

    response = client.post(CREATE_URL, right_data(evaluation_report=None))

    assert response.status_code == 302
    assert not IPRight.objects.get().evaluation_report
