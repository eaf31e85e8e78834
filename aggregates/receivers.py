"""The daily figures follow the case events, inside each action's transaction: a rolled-back action
counts nothing, a committed one counts once."""

from typing import Any

from aggregates.models import DailyFigure
from aggregates.services import CASE_SUBJECT, case_event_count, case_events_count, statistics_rebuild
from audit.models import AuditEntry
from cases.actions import CaseAction
from cases.events import case_event, case_events
from cases.models import Case


def _on_case_event(*, case: Case, action: CaseAction, **_kwargs: Any) -> None:
    case_event_count(case=case, action=action)


def _on_case_events(*, cases: list[Case], action: CaseAction, **_kwargs: Any) -> None:
    case_events_count(cases=cases, action=action)


def fill_after_migrate(**_kwargs: Any) -> None:
    """post_migrate receiver: a database whose cases have a history but no figures yet (one migrated from
    a release without them) gets them replayed from the audit trail."""
    if not DailyFigure.objects.exists() and AuditEntry.objects.filter(subject_type=CASE_SUBJECT).exists():
        statistics_rebuild()


def connect() -> None:
    case_event.connect(_on_case_event, dispatch_uid="aggregates.case_event_count")
    case_events.connect(_on_case_events, dispatch_uid="aggregates.case_events_count")
