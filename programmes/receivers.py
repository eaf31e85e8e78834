"""A routed case of a good-faith member carries the priority flag from the start."""

from typing import Any

from cases.actions import CaseAction
from cases.events import case_event
from cases.models import Case
from programmes.good_faith import case_priority_mark


def _on_case_event(*, case: Case, action: CaseAction, **_kwargs: Any) -> None:
    if action == CaseAction.ROUTED:
        case_priority_mark(case=case)


def connect() -> None:
    case_event.connect(_on_case_event, dispatch_uid="programmes.case_priority_mark")
