"""The proof a decision rests on opens for whoever must judge it: a right's certificate and evaluation
report, and an agency's letter, for the holder, operators, and the platform and office of a case relying on
it; an expired right says so and a right already expired cannot be registered."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import OrgKind
from cases.models import CaseStatus, HandlingMode
from complaints.models import Authorisation, IPRight, VerificationStatus
from tests.complaints.test_views_rights import CREATE_URL, right_data
from tests.factories import CaseFactory, IPRightFactory, OfficeFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    office = OfficeFactory()
    right = IPRightFactory(evaluation_report=ContentFile(b"%PDF-1.4 evaluation", name="evaluation.pdf"))
    return CaseFactory(
        complaint__right=right, status=CaseStatus.AWAITING_OPINION, mode=HandlingMode.ASSISTED, office=office
    )


def _urls(right: IPRight) -> list[str]:
    return [
        reverse("complaints:right_file", args=[right.pk, kind])
        for kind in ("certificate", "evaluation-report")
    ]


def test_the_platform_and_the_office_of_a_case_open_the_certificate_and_the_evaluation_report(case, login):
    right = case.complaint.right
    platform_staff = UserFactory(organisation=case.platform.organisation)
    official = UserFactory(organisation=case.office.organisation)
    stranger = UserFactory(organisation=OrganisationFactory(kind=OrgKind.PLATFORM))

    pages = {platform_staff: "platforms:case_detail", official: "enforcement:case_detail"}
    for user in (platform_staff, official, UserFactory(organisation=right.owner_org)):
        client = login(user)
        for url in _urls(right):
            response = client.get(url)
            assert response.status_code == 200, (user, url)
            assert b"".join(response.streaming_content).startswith(b"%PDF")
        if user in pages:
            page = client.get(reverse(pages[user], args=[case.pk])).content.decode()
            assert all(url in page for url in _urls(right))
    outsider = login(stranger)
    assert [outsider.get(url).status_code for url in _urls(right)] == [404, 404]


def test_operators_open_a_rights_files_from_the_admin_and_are_told_what_verifying_did(case, login, settings):
    settings.DEBUG = (
        True  # with DEBUG off an operator must give a second factor first (test_second_factor.py)
    )
    operator = UserFactory(is_staff=True, is_superuser=True)
    right = case.complaint.right
    client = login(operator)

    change = client.get(reverse("admin:complaints_ipright_change", args=[right.pk])).content.decode()
    done = client.post(
        reverse("admin:complaints_ipright_changelist"),
        {"action": "mark_rejected", "_selected_action": [right.pk]},
        follow=True,
    )

    assert all(url in change for url in _urls(right))
    assert client.get(_urls(right)[0]).status_code == 200
    assert "1 rights are now Rejected." in done.content.decode()
    right.refresh_from_db()
    assert right.verification_status == VerificationStatus.REJECTED


def test_an_expired_right_shows_as_expired_and_one_already_expired_cannot_be_registered(
    rightsholder_user, login
):
    yesterday = timezone.localdate() - timedelta(days=1)
    IPRightFactory(
        owner_org=rightsholder_user.organisation,
        valid_from=yesterday - timedelta(days=400),
        valid_until=yesterday,
    )
    client = login(rightsholder_user)

    listed = client.get(reverse("complaints:right_list")).content.decode()
    refused = client.post(CREATE_URL, right_data(valid_from="2010-01-01", valid_until=yesterday.isoformat()))

    assert "Expired" in listed
    assert refused.status_code == 200
    assert "validity already ended" in " ".join(refused.context["form"].errors["valid_until"])


def test_the_platform_opens_the_letter_an_agencys_complaint_was_filed_under(case, login):
    letter = Authorisation.objects.create(
        agency=case.complaint.filed_by_org,
        principal_name="Maison Example SA",
        letter=ContentFile(b"%PDF-1.4 letter", name="letter.pdf"),
        valid_from=timezone.localdate(),
        valid_until=timezone.localdate() + timedelta(days=30),
        verification_status=VerificationStatus.VERIFIED,
    )
    type(case.complaint).objects.filter(pk=case.complaint_id).update(authorisation=letter)
    url = reverse("complaints:authorisation_letter", args=[letter.pk])

    page = login(UserFactory(organisation=case.platform.organisation)).get(
        reverse("platforms:case_detail", args=[case.pk])
    )
    opened = login(UserFactory(organisation=case.platform.organisation)).get(url)
    other = login(UserFactory(organisation=OrganisationFactory(kind=OrgKind.PLATFORM))).get(url)

    assert url in page.content.decode()
    assert opened.status_code == 200 and other.status_code == 404
