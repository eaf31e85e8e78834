"""An agency files for its client under a letter of authorisation verified by an operator; the platform sees
who filed for whom; an expired or revoked letter stops new filings and says why."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import OrgKind
from cases.models import Case
from complaints.authorisations import authorisation_revoke, authorisation_set_verification
from complaints.models import Authorisation, Complaint, ComplaintStatus, VerificationStatus
from tests.complaints.helpers import PDF, complaint_data, upload
from tests.factories import IPRightFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

CREATE_URL = reverse("complaints:complaint_create")


@pytest.fixture
def agency_user(db):
    return UserFactory(organisation=OrganisationFactory(kind=OrgKind.RIGHTSHOLDER, name="Fast IP Agency"))


@pytest.fixture
def operator(db):
    return UserFactory(is_staff=True)


def register_letter(client, **overrides) -> Authorisation:
    today = timezone.localdate()
    data = {
        "principal_name": "Maison Example SA",
        "valid_from": today - timedelta(days=30),
        "valid_until": today + timedelta(days=300),
        "letter": upload("letter.pdf", PDF),
        **overrides,
    }
    response = client.post(reverse("complaints:authorisation_create"), data)
    assert response.status_code == 302, response.context["form"].errors
    return Authorisation.objects.latest("pk")


def covered_right(agency_user, letter: Authorisation):
    return IPRightFactory(
        owner_org=agency_user.organisation, owner_name=letter.principal_name, authorisation=letter
    )


def test_an_agency_files_for_its_client_once_the_letter_is_verified_and_the_platform_sees_it(
    agency_user, operator, platform, platform_user, login, django_capture_on_commit_callbacks
):
    client = login(agency_user)
    letter = register_letter(client)
    right = covered_right(agency_user, letter)
    assert letter.verification_status == VerificationStatus.PENDING

    # while the letter waits for an operator, nothing can be filed under it
    refused = client.post(CREATE_URL, complaint_data(right=right, platform=platform))
    assert refused.status_code == 200
    assert "has not been verified by an operator yet" in refused.content.decode()
    assert not Complaint.objects.exists()

    authorisation_set_verification(
        authorisation_id=letter.pk, actor=operator, status=VerificationStatus.VERIFIED
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(CREATE_URL, complaint_data(right=right, platform=platform))

    complaint = Complaint.objects.get()
    assert complaint.status == ComplaintStatus.SUBMITTED and complaint.authorisation == letter
    case = Case.objects.get(complaint=complaint)
    page = login(platform_user).get(reverse("platforms:case_detail", args=[case.pk])).content.decode()
    assert "Filed by the agency Fast IP Agency on behalf of the rightsholder Maison Example SA" in page


@pytest.mark.parametrize("spoil", ["expired", "revoked"])
def test_an_expired_or_revoked_letter_stops_new_filings_and_says_why(
    spoil, agency_user, operator, platform, login
):
    client = login(agency_user)
    letter = register_letter(client)
    authorisation_set_verification(
        authorisation_id=letter.pk, actor=operator, status=VerificationStatus.VERIFIED
    )
    right = covered_right(agency_user, letter)
    if spoil == "expired":
        yesterday = timezone.localdate() - timedelta(days=1)
        Authorisation.objects.filter(pk=letter.pk).update(
            valid_from=yesterday - timedelta(days=9), valid_until=yesterday
        )
        why = "expired on"
    else:
        client.post(
            reverse("complaints:authorisation_revoke", args=[letter.pk]), {"reason": "Contract ended."}
        )
        why = "was revoked on"

    refused = client.post(CREATE_URL, complaint_data(right=right, platform=platform))

    page = refused.content.decode()
    assert why in page and "Maison Example SA" in page
    assert not Complaint.objects.exists()
    if spoil == "revoked":
        assert "Contract ended." in page


def test_a_letter_is_the_agencys_own_and_opens_to_it_and_to_operators_only(
    agency_user, operator, login, settings
):
    settings.DEBUG = (
        True  # with DEBUG off an operator must give a second factor first (test_second_factor.py)
    )
    letter = register_letter(login(agency_user))
    other_agency = UserFactory(organisation=OrganisationFactory(kind=OrgKind.RIGHTSHOLDER))
    url = reverse("complaints:authorisation_letter", args=[letter.pk])

    assert login(agency_user).get(url).status_code == 200
    assert login(operator).get(url).status_code == 200
    assert login(other_agency).get(url).status_code == 404
    # nor can another agency register a right under it or revoke it
    stranger = login(other_agency)
    form = stranger.get(reverse("complaints:right_create")).context["form"]
    assert letter not in form.fields["authorisation"].queryset
    assert (
        stranger.post(
            reverse("complaints:authorisation_revoke", args=[letter.pk]), {"reason": "x"}
        ).status_code
        == 404
    )
    with pytest.raises(Authorisation.DoesNotExist):
        authorisation_revoke(authorisation_id=letter.pk, actor=other_agency, reason="x")
