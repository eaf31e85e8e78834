"""POST /api/v1/cases/<id>/reroute/: an office manager re-routes a case of its jurisdiction."""

import pytest

from accounts.models import Role
from cases.models import Case, CaseStatus, HandlingMode
from tests.api.conftest import token_client
from tests.factories import CaseFactory, OfficeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager_client(office):
    return token_client(UserFactory(organisation=office.organisation, organisation__role=Role.MANAGER))


def _case(office) -> Case:
    return CaseFactory(status=CaseStatus.AWAITING_OPINION, mode=HandlingMode.ASSISTED, office=office)


def test_a_manager_reroutes_once_per_idempotency_key(manager_client, office):
    case = _case(office)
    body = {"mode": "platform", "reason": "No technical question: the platform can decide."}

    first = manager_client.post(
        f"/api/v1/cases/{case.pk}/reroute/", body, format="json", HTTP_IDEMPOTENCY_KEY="r-1"
    )
    retry = manager_client.post(
        f"/api/v1/cases/{case.pk}/reroute/", body, format="json", HTTP_IDEMPOTENCY_KEY="r-1"
    )

    assert first.status_code == retry.status_code == 200, first.json()
    assert (first.json()["mode"], first.json()["status"]) == ("platform", "awaiting_platform")
    assert retry.json() == first.json()
    assert case.routings.filter(kind="rerouted").count() == 1
    detail = manager_client.get(f"/api/v1/cases/{case.pk}/").json()
    assert detail["case"]["mode"] == "platform"


def test_bad_input_names_its_field_and_state_is_a_409(manager_client, office):
    case = _case(office)
    url = f"/api/v1/cases/{case.pk}/reroute/"

    no_reason = manager_client.post(url, {"mode": "platform", "reason": " "}, format="json")
    bad_mode = manager_client.post(url, {"mode": "court", "reason": "Why"}, format="json")
    same = manager_client.post(url, {"mode": "assisted", "reason": "Same"}, format="json")
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED)
    closed = manager_client.post(url, {"mode": "platform", "reason": "Late"}, format="json")

    assert no_reason.status_code == 400
    assert no_reason.json()["errors"][0]["field"] == "reason"
    assert bad_mode.status_code == 400
    assert bad_mode.json()["errors"][0]["field"] == "mode"
    assert same.status_code == 400
    assert same.json()["errors"][0]["field"] == "mode"
    assert closed.status_code == 409


def test_outside_the_jurisdiction_is_a_404_and_a_member_is_a_403(
    manager_client, office, office_user, platform_client
):
    elsewhere = _case(OfficeFactory())
    own = _case(office)
    body = {"mode": "platform", "reason": "Move it."}

    assert (
        manager_client.post(f"/api/v1/cases/{elsewhere.pk}/reroute/", body, format="json").status_code == 404
    )
    assert platform_client.post(f"/api/v1/cases/{own.pk}/reroute/", body, format="json").status_code == 404
    member = token_client(office_user).post(f"/api/v1/cases/{own.pk}/reroute/", body, format="json")
    assert member.status_code == 403
    own.refresh_from_db()
    assert own.mode == HandlingMode.ASSISTED


def test_a_case_sent_to_another_office_is_returned_as_rerouted(manager_client, office):
    case = _case(office)
    other = OfficeFactory()

    response = manager_client.post(
        f"/api/v1/cases/{case.pk}/reroute/",
        {"mode": "assisted", "office": other.pk, "reason": "The store is in their region."},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["office"] == other.pk
    assert manager_client.get(f"/api/v1/cases/{case.pk}/").status_code == 404
