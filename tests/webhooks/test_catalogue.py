"""The catalogue of webhook events is the catalogue of case actions, and its example is shaped like what is
really sent."""

import uuid
from pathlib import Path

from cases.actions import CaseAction
from tests.api.conftest import token_client
from tests.factories import CaseFactory
from webhooks.catalogue import EXAMPLE_CASE, event_catalogue, example_payload
from webhooks.services import case_event_payload

API_GUIDE = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def shape(value):
    """Keys all the way down, leaves by kind (null stands for any value: an office may be null)."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    return None


def test_every_case_action_is_an_event_of_the_catalogue_once():
    types = [entry["type"] for entry in event_catalogue()]

    assert types == [action.event for action in CaseAction]
    assert len(set(types)) == len(types)
    assert all(
        entry["description"] and entry["example"]["type"] == entry["type"] for entry in event_catalogue()
    )


def test_the_example_payload_has_the_shape_of_a_payload_sent_for_a_real_case(db):
    case = CaseFactory(listings=2)
    sent = case_event_payload(case_id=case.pk, event_type=CaseAction.ROUTED.event, event_id=uuid.uuid4())

    assert shape(sent) == shape(example_payload(CaseAction.ROUTED))
    assert set(EXAMPLE_CASE) == set(sent["data"]["case"])
    assert sent["data"]["case"]["listing_count"] == 2


def test_the_api_guide_lists_every_event():
    guide = API_GUIDE.read_text()

    missing = [action.event for action in CaseAction if f"`{action.event}`" not in guide]

    assert not missing, f"docs/api.md does not list {missing}"


def test_the_catalogue_is_served_to_integrators(platform_user):
    answer = token_client(platform_user).get("/api/v1/webhooks/event-types/")

    assert answer.status_code == 200
    assert {entry["type"] for entry in answer.json()} == {action.event for action in CaseAction}
