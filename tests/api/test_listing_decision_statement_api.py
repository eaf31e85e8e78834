"""POST /api/v1/cases/<pk>/listing-decisions/: the statement's parts, and each refusal as a 400 on its field."""

import pytest

from cases.models import ListingDecision
from platforms.models import DecisionAction, ReasonCode
from tests.decisions import FACTS
from tests.platforms.helpers import case_on

pytestmark = pytest.mark.django_db


def _post(client, case, **overrides):
    body = {
        "listings": [listing.pk for listing in case.listings.all()],
        "action": DecisionAction.TAKE_DOWN,
        "reason_code": ReasonCode.COUNTERFEIT,
        "statement": FACTS,
    }
    return client.post(f"/api/v1/cases/{case.pk}/listing-decisions/", {**body, **overrides}, format="json")


def test_a_reason_of_the_other_decision_is_a_400_on_reason_code(platform_client, platform):
    case = case_on(platform)

    response = _post(platform_client, case, action=DecisionAction.REJECT)

    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "field": "reason_code",
                "code": "reason_mismatch",
                "message": "“Counterfeit goods” is a reason to take measures, not to reject. "
                "Choose a reason to reject.",
            }
        ]
    }
    assert not ListingDecision.objects.exists()


def test_a_statement_that_gives_no_reason_is_a_400_on_statement(platform_client, platform):
    case = case_on(platform)

    response = _post(
        platform_client,
        case,
        action=DecisionAction.REJECT,
        reason_code=ReasonCode.NOT_INFRINGING,
        statement="Rejected.",
    )

    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert (error["field"], error["code"]) == ("statement", "no_reason")
    assert error["message"].startswith("“Rejected.” gives no reason.")
    assert not ListingDecision.objects.exists()


def test_the_decision_answers_with_every_part_of_its_statement(platform_client, platform):
    case = case_on(platform)

    response = _post(
        platform_client, case, legal_ground="Terms of service, clause 7.2.", automated_means=True
    )

    assert response.status_code == 201, response.json()
    [decision] = response.json()
    assert decision["statement"] == FACTS
    assert decision["legal_ground"] == "Terms of service, clause 7.2."
    assert decision["automated_means"] is True
    assert decision["measure_scope"].startswith("The listing is removed")  # the platform's standard wording
    assert decision["redress"].startswith("You may file a counter-notice")
    assert decision["notice_cited"].startswith(f"Complaint {case.complaint.pk}, submitted ")


def test_the_case_detail_lists_each_decision_with_its_parts(platform_client, platform):
    case = case_on(platform)
    _post(platform_client, case, redress="Counter-notice through the link within 15 days.")

    [listing] = platform_client.get(f"/api/v1/cases/{case.pk}/").json()["listings"]

    [decision] = listing["decisions"]
    assert decision["statement"] == FACTS
    assert decision["redress"] == "Counter-notice through the link within 15 days."
    assert decision["measure_scope"] and decision["legal_ground"] and decision["notice_cited"]
    assert decision["automated_means"] is False
