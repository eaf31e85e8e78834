from typing import TYPE_CHECKING

from django.db import models

from audit.models import AuditEntry

if TYPE_CHECKING:
    from accounts.models import User

SYSTEM_ACTOR = "system"


def audit_record(
    *,
    actor: "User | None",
    subject: models.Model,
    action: str,
    from_status: str = "",
    to_status: str = "",
    note: str = "",
    case_id: int | None = None,
    actor_label: str = "",
) -> AuditEntry:
    """Append one entry. Call inside the transaction of the change it records, so both commit or neither."""
    if case_id is None and subject._meta.model_name == "case":
        case_id = subject.pk
    return AuditEntry.objects.create(
        actor=actor,
        actor_label=actor_label or _actor_label(actor),
        subject_type=subject._meta.model_name or "",
        subject_id=subject.pk,
        case_id=case_id,
        action=action,
        from_status=from_status,
        to_status=to_status,
        note=note,
    )


def _actor_label(actor: "User | None") -> str:
    if actor is None:
        return SYSTEM_ACTOR
    org = actor.organisation
    return f"{actor.get_username()} ({org.name})" if org else actor.get_username()
