"""The one call other apps make when a case reaches a platform or changes: `case_changed(case_id=..., event_type=...)`.

Deliveries are written inside the caller's transaction (an outbox), so an event exists exactly when the
change committed; sending starts after commit.
"""


def case_changed(*, case_id: int, event_type: str) -> None:
    from webhooks.services import webhook_events_for_case

    webhook_events_for_case(case_id=case_id, event_type=event_type)
