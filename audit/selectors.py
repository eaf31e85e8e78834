from django.db.models import QuerySet

from audit.models import AuditEntry


def audit_history_for_case(*, case_id: int) -> QuerySet[AuditEntry]:
    """Callers must already have fetched the case through a scoped selector."""
    # A respondent is shown by its store's name (AuditEntry.actor_shown): joined, not read per entry.
    return (
        AuditEntry.objects.filter(case_id=case_id)
        .select_related("respondent_store")
        .order_by("created_at", "pk")
    )
