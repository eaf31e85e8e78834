"""The catalogue of webhook events: one per case action (cases.actions.CaseAction), each with its example
payload. Events are made only from case actions (webhooks.hooks), so this list is every event ever sent;
tests/webhooks/test_catalogue.py checks the example against a payload made for a real case."""

from cases.actions import CaseAction

# What `data.case` holds in every event (webhooks.services.case_event_payload), with example values.
EXAMPLE_CASE = {
    "id": 4211,
    "url": "/api/v1/cases/4211/",
    "status": "notice_forwarded",
    "mode": "platform",
    "outcome": "upheld",
    "deadline": "2026-12-15",
    "complaint_id": 1187,
    "infringement_type": "counterfeit",
    "store": {"id": 96, "external_id": "shop-8812", "name": "Golden Lotus Trading"},
    "office": None,
    "listing_count": 3,
}


def example_payload(action: CaseAction) -> dict:
    """The body of the webhook sent for `action`, with example values (the event id is made up)."""
    return {
        "id": "6f1c2a9e-3b7d-4c55-9a51-0d2e8f4b7c11",
        "type": action.event,
        "created_at": "2026-12-01T09:30:00+00:00",
        "data": {"case": EXAMPLE_CASE},
    }


def event_catalogue() -> list[dict]:
    """Every event type, what it means (in the caller's language) and its example payload."""
    return [
        {"type": action.event, "description": str(action.label), "example": example_payload(action)}
        for action in CaseAction
    ]
