"""Webhooks react to case events: every action carried out on a case is one event for its platform."""

from typing import Any

from cases.actions import CaseAction
from cases.events import case_event, case_events
from cases.models import Case
from webhooks.services import webhook_events_for_case, webhook_events_for_cases


def _on_case_event(*, case_id: int, action: CaseAction, case: Case | None = None, **_kwargs: Any) -> None:
    webhook_events_for_case(
        case_id=case_id,
        event_type=action.event,
        platform_id=case.platform_id if case is not None else None,
        case=case,
    )


def _on_case_events(*, cases: list[Case], action: CaseAction, **_kwargs: Any) -> None:
    webhook_events_for_cases(cases=cases, event_type=action.event)


def connect() -> None:
    case_event.connect(_on_case_event, dispatch_uid="webhooks.case_event")
    case_events.connect(_on_case_events, dispatch_uid="webhooks.case_events")
