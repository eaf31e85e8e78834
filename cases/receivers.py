"""What cases does when another app's event happens: a submitted complaint is split and routed."""

from typing import Any

from cases.services.routing import enqueue_complaint_routing
from complaints.signals import complaint_submitted


def _on_complaint_submitted(*, complaint_id: int, **_kwargs: Any) -> None:
    enqueue_complaint_routing(complaint_id)


def connect() -> None:
    complaint_submitted.connect(_on_complaint_submitted, dispatch_uid="cases.complaint_submitted")
