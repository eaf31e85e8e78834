from django.db.models import QuerySet

from audit.models import AuditEntry


def audit_history_for_case(*, case_id: int) -> QuerySet[AuditEntry]:
    """Callers must already have fetched the case through a scoped selector."""
    return AuditEntry.objects.filter(case_id=case_id).order_by("created_at", "pk")
