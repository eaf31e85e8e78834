"""A routed case of a good-faith member carries the priority flag from the start."""

from typing import Any

from cases.actions import CaseAction
from cases.events import case_event, case_events
from cases.models import Case
from programmes.good_faith import case_priority_mark, cases_priority_mark


def _on_case_event(*, case: Case, action: CaseAction, **_kwargs: Any) -> None:
    if action == CaseAction.ROUTED:
        case_priority_mark(case=case)


def _on_case_events(*, cases: list[Case], action: CaseAction, **_kwargs: Any) -> None:
    if action == CaseAction.ROUTED:
        cases_priority_mark(cases=cases)


def connect() -> None:
    case_event.connect(_on_case_event, dispatch_uid="programmes.case_priority_mark")
    case_events.connect(_on_case_events, dispatch_uid="programmes.cases_priority_mark")
