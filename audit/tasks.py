"""Celery tasks of the audit trail: thin wrappers around its services."""

from celery import shared_task

from audit.anchors import audit_anchor_take_yesterday


@shared_task(acks_late=True)
def take_audit_anchor() -> None:
    """Periodic: yesterday's chain head becomes its anchor (a later run the same day changes nothing)."""
    audit_anchor_take_yesterday()
