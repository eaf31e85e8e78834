"""Documents are issued after the commit of the action that makes their record final."""

import logging
from functools import partial
from typing import Any

from django.db import transaction

from cases.actions import CaseAction
from cases.events import case_event, case_events
from cases.models import Case
from documents.tasks import issue_case_documents
from iprgov.enqueue import enqueue_or_leave_to_sweep

log = logging.getLogger(__name__)

# The actions after which a case may have a new document (documents.records.kinds_available).
ACTIONS_THAT_ISSUE = frozenset(
    {
        CaseAction.DECIDED,
        CaseAction.NOTICE_FORWARDED,
        CaseAction.CLOSED_REJECTED,
        CaseAction.OPINION_ISSUED,
        CaseAction.CONSENT_COMPLETE,
        CaseAction.FALLBACK,
        CaseAction.MEDIATION_AGREEMENT,
        CaseAction.DECISION_ISSUED,
    }
)


def issue_after_commit(case_id: int) -> None:
    if not enqueue_or_leave_to_sweep(issue_case_documents, case_id):
        # Nothing is lost: a document not issued yet is issued on its first download.
        log.warning("documents of case %s not issued now; left to their first download", case_id)


def _on_case_event(*, case_id: int, action: CaseAction, **_kwargs: Any) -> None:
    if action in ACTIONS_THAT_ISSUE:
        transaction.on_commit(partial(issue_after_commit, case_id))


def _on_case_events(*, cases: list[Case], action: CaseAction, **_kwargs: Any) -> None:
    for case in cases:
        _on_case_event(case_id=case.pk, action=action)


def connect() -> None:
    case_event.connect(_on_case_event, dispatch_uid="documents.case_event")
    case_events.connect(_on_case_events, dispatch_uid="documents.case_events")
