"""What cases does when an event happens: a submitted complaint is split and routed; every action on a
case tells the parties it concerns."""

from typing import Any

from cases.events import case_event, case_events
from cases.parties import parties_tell, parties_tell_many
from cases.tasks import enqueue_complaint_routing
from complaints.signals import complaint_submitted


def _on_complaint_submitted(*, complaint_id: int, **_kwargs: Any) -> None:
    enqueue_complaint_routing(complaint_id)


def connect() -> None:
    complaint_submitted.connect(_on_complaint_submitted, dispatch_uid="cases.complaint_submitted")
    case_event.connect(parties_tell, dispatch_uid="cases.parties_tell")
    case_events.connect(parties_tell_many, dispatch_uid="cases.parties_tell_many")
