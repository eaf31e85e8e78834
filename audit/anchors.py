"""Daily anchors: the head of the audit chain as each day ended, kept so that it can be published."""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from audit.models import AuditAnchor, AuditEntry

PUBLISHED_DAYS = 30


@transaction.atomic
def audit_anchor_take(*, day: date) -> AuditAnchor | None:
    """Record the chain's head as `day` ended (the last entry, in chain order, written before the next
    midnight in the project's time zone). Taking a day twice changes nothing; None before any entry."""
    existing = AuditAnchor.objects.filter(day=day).first()
    if existing is not None:
        return existing
    day_end = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))
    head = (
        AuditEntry.objects.filter(chain_position__isnull=False, created_at__lt=day_end)
        .order_by("-chain_position")
        .values_list("chain_position", "entry_hash")
        .first()
    )
    if head is None:
        return None
    position, head_hash = head
    anchor, _ = AuditAnchor.objects.get_or_create(
        day=day, defaults={"chain_position": position or 0, "entry_hash": head_hash}
    )
    return anchor


def audit_anchor_take_yesterday() -> AuditAnchor | None:
    return audit_anchor_take(day=timezone.localdate() - timedelta(days=1))


def audit_anchors_published() -> QuerySet[AuditAnchor]:
    """The anchors shown on the transparency page, newest first."""
    return AuditAnchor.objects.order_by("-day")[:PUBLISHED_DAYS]
