"""The dispute-resolution body's console: its published profile, its scope, and the profile's checks."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import OrgKind
from cases.selectors import cases_visible_to
from disputes.models import DisputeBodyKind, DisputeResolutionBody
from tests.factories import CaseFactory, OrganisationFactory, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db


def _body(**fields) -> DisputeResolutionBody:
    values = {
        "body_kind": DisputeBodyKind.MEDIATION_CENTRE,
        "right_types": ["trademark", "design_patent"],
        "languages": ["zh-hans", "en"],
        "time_limit_working_days": 30,
        **fields,
    }
    return DisputeResolutionBody.objects.create(
        organisation=OrganisationFactory(kind=OrgKind.DISPUTE_BODY, name="Chengdu IP Mediation Centre"),
        **values,
    )


def test_staff_land_on_their_console_with_the_published_profile(login, client) -> None:
    body = _body(fees="")
    body.regions.add(RegionFactory(name="Sichuan"))
    CaseFactory()  # a case that was never referred to the centre

    login(UserFactory(organisation=body.organisation))
    home = client.get(reverse("accounts:home"))
    page = client.get(reverse("disputes:console")).content.decode()

    assert home.status_code == 302 and home["Location"] == reverse("disputes:console")
    assert "Mediation centre" in page and "Sichuan" in page and "Design patent" in page
    assert "the service is free" in page and "30 working days" in page
    assert "No case has been referred to you." in page


def test_a_body_sees_no_case_that_was_not_referred_to_it() -> None:
    body = _body()
    CaseFactory.create_batch(2)

    assert not cases_visible_to(UserFactory(organisation=body.organisation)).exists()


def test_the_console_is_a_404_to_other_kinds(login, client, platform_user) -> None:
    login(platform_user)

    assert client.get(reverse("disputes:console")).status_code == 404


def test_a_profile_names_known_rights_and_languages() -> None:
    body = _body(right_types=["trademark", "recipe"], languages=["fr"])

    with pytest.raises(ValidationError) as refused:
        body.full_clean()

    assert set(refused.value.message_dict) == {"right_types", "languages"}
