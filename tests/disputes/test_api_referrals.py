"""The API of mediation and arbitration: each step through its endpoint, the service the pages call, in the
API's shapes (201/200, 404 outside the caller's scope, 409 when the case refuses the step) and listed in the
case's available actions."""

import pytest
from rest_framework.test import APIClient

from cases.actions import CaseAction
from cases.links import respondent_token
from cases.models import CaseClosure, CaseStatus
from complaints.models import ListingStatus
from disputes.models import DisputeBodyKind
from tests.api.conftest import token_client
from tests.disputes.referrals import body_serving, referred, session_held, staff_of
from tests.platforms.lifecycle import decided_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def holder(rightsholder_user):
    return token_client(rightsholder_user)


@pytest.fixture
def platform_client(platform_user):
    return token_client(platform_user)


@pytest.fixture
def case(platform, platform_user, rightsholder_user):
    taken_down = decided_case(platform, platform_user, listings=2)
    taken_down.complaint.filed_by_org = rightsholder_user.organisation
    taken_down.complaint.save()
    # The complainant is stored on the case at the split: filed by another organisation now, it is told.
    taken_down.complainant_org = rightsholder_user.organisation
    taken_down.save(update_fields=["complainant_org"])
    return taken_down


def _actions(client, case) -> set[str]:
    return {item["action"] for item in client.get(f"/api/v1/cases/{case.pk}/").json()["available_actions"]}


def test_the_complainant_proposes_and_the_respondent_accepts_through_its_link(holder, case) -> None:
    body = body_serving(case, days=15)
    token = respondent_token(case)

    offered = holder.get(f"/api/v1/cases/{case.pk}/dispute-bodies/")
    listed = CaseAction.REFERRAL_PROPOSED.value in _actions(holder, case)
    proposed = holder.post(
        f"/api/v1/cases/{case.pk}/dispute-referrals/proposal/",
        {"body": body.pk, "measures": "stand", "note": "Mediation, please."},
        format="json",
    )
    again = holder.post(
        f"/api/v1/cases/{case.pk}/dispute-referrals/proposal/", {"body": body.pk}, format="json"
    )
    # The respondent's calls take no token: its link is the credential.
    accepted = APIClient().post(
        f"/api/v1/respondent/{token}/dispute-referrals/answer/",
        {"name_given": "Store owner", "accept": True},
        format="json",
    )

    assert offered.status_code == 200
    assert offered.json()[0]["time_limit_working_days"] == 15 and offered.json()[0]["fees"] == ""
    assert listed
    assert proposed.status_code == 201 and proposed.json()["status"] == "proposed"
    assert again.status_code == 409 and again.json()["errors"][0]["code"] == "transition_not_allowed"
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    case.refresh_from_db()
    assert case.status == CaseStatus.AT_DISPUTE_BODY


def test_the_respondent_proposes_through_its_link_and_the_complainant_refuses(holder, case) -> None:
    body = body_serving(case)
    anonymous = APIClient()
    token = respondent_token(case)

    bodies = anonymous.get(f"/api/v1/respondent/{token}/dispute-bodies/")
    proposed = anonymous.post(
        f"/api/v1/respondent/{token}/dispute-referrals/proposal/",
        {"name_given": "Store owner", "body": body.pk, "measures": "suspended"},
        format="json",
    )
    no_reason = holder.post(
        f"/api/v1/cases/{case.pk}/dispute-referrals/answer/", {"accept": False}, format="json"
    )
    refused = holder.post(
        f"/api/v1/cases/{case.pk}/dispute-referrals/answer/",
        {"accept": False, "reason": "We will go to court."},
        format="json",
    )
    forged = anonymous.get("/api/v1/respondent/not-a-token/dispute-bodies/")
    referrals = holder.get(f"/api/v1/cases/{case.pk}/dispute-referrals/").json()

    assert bodies.status_code == 200 and [b["id"] for b in bodies.json()] == [body.pk]
    assert proposed.status_code == 201 and proposed.json()["proposed_by"] == "respondent"
    assert no_reason.status_code == 400 and no_reason.json()["errors"][0]["field"] == "reason"
    # The answer is where the case stands, as after every step: where it was.
    assert refused.status_code == 200 and refused.json()["status"] == CaseStatus.NOTICE_FORWARDED
    assert [(r["status"], r["refusal_reason"]) for r in referrals] == [("refused", "We will go to court.")]
    assert forged.status_code == 404


def test_the_body_records_a_session_and_an_award_the_platform_executes(
    holder, platform_client, case, rightsholder_user
) -> None:
    body = body_serving(case, kind=DisputeBodyKind.ARBITRATION_COMMISSION)
    referred(case, body, rightsholder_user)
    arbitrator = token_client(staff_of(body))
    first, second = case.listings.order_by("pk")

    too_early = arbitrator.post(
        f"/api/v1/cases/{case.pk}/award/", {"terms": "Take the first down.", "measures": []}, format="json"
    )
    session = arbitrator.post(
        f"/api/v1/cases/{case.pk}/body-sessions/",
        {"held_at": "2026-01-05T10:00:00+08:00", "place": "Hearing room 2", "notes": "Both heard."},
        format="json",
    )
    actions_of_body = _actions(arbitrator, case)
    award = arbitrator.post(
        f"/api/v1/cases/{case.pk}/award/",
        {
            "terms": "The first listing infringes; the second does not.",
            "measures": [
                {"listing": first.pk, "measure": "take_down"},
                {"listing": second.pk, "measure": "restore"},
            ],
        },
        format="json",
    )
    not_for_the_body = arbitrator.post(f"/api/v1/cases/{case.pk}/award-execution/", {}, format="json")
    listed = CaseAction.AWARD_EXECUTED.value in _actions(platform_client, case)
    executed = platform_client.post(f"/api/v1/cases/{case.pk}/award-execution/", {}, format="json")
    referrals = holder.get(f"/api/v1/cases/{case.pk}/dispute-referrals/")

    assert too_early.status_code == 409
    assert session.status_code == 201 and session.json()["place"] == "Hearing room 2"
    assert {CaseAction.BODY_SESSION_RECORDED.value, CaseAction.AWARD_ISSUED.value} <= actions_of_body
    assert award.status_code == 201 and len(award.json()["awarded_measures"]) == 2
    assert not_for_the_body.status_code == 404
    assert listed
    assert executed.status_code == 200 and executed.json()["status"] == CaseStatus.CLOSED
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (ListingStatus.TAKEN_DOWN, ListingStatus.RESTORED)
    assert referrals.json()[0]["status"] == "executed"


def test_the_body_settles_and_another_body_sees_nothing(case, rightsholder_user) -> None:
    body = body_serving(case)
    mediator = staff_of(body)
    referred(case, body, rightsholder_user)
    session_held(case, mediator)
    other = token_client(staff_of(body_serving(case, name="Another centre")))

    foreign = other.post(f"/api/v1/cases/{case.pk}/settlement/", {"terms": "Settled."}, format="json")
    foreign_read = other.get(f"/api/v1/cases/{case.pk}/")
    settled = token_client(mediator).post(
        f"/api/v1/cases/{case.pk}/settlement/", {"terms": "The store removes the listings."}, format="json"
    )

    assert foreign.status_code == 404 and foreign_read.status_code == 404
    assert settled.status_code == 200 and settled.json()["status"] == CaseStatus.CLOSED
    case.refresh_from_db()
    assert case.closure == CaseClosure.SETTLED


def test_a_step_of_the_body_is_no_endpoint_for_a_platform(platform_client, case) -> None:
    answer = platform_client.post(f"/api/v1/cases/{case.pk}/settlement/", {"terms": "x"}, format="json")

    assert answer.status_code == 404
