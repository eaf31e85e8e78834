"""A person's access to the personal data held about them (PIPL art. 45, GDPR art. 15): one JSON document."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from audit.models import AuditEntry
from audit.services import audit_record


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


@transaction.atomic
def personal_data_export(*, user: User) -> dict[str, object]:
    """Everything held about the signed-in user as a person: the account, the membership, the API tokens
    by name (never their secrets) and every audit entry naming the user as actor. The request is audited."""
    membership = getattr(user, "membership", None)
    entries = AuditEntry.objects.filter(actor=user).order_by("chain_position", "pk")
    document: dict[str, object] = {
        "generated_at": timezone.now().isoformat(),
        "account": {
            "username": user.get_username(),
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
        },
        "membership": None
        if membership is None
        else {"organisation": membership.organisation.name, "role": membership.role},
        "api_tokens": [
            {
                "name": token.name,
                "prefix": token.prefix,
                "created_at": _iso(token.created_at),
                "expires_at": _iso(token.expires_at),
                "revoked_at": _iso(token.revoked_at),
            }
            for token in user.api_tokens.order_by("pk")
        ],
        "audit_entries": [
            {
                "at": _iso(entry.created_at),
                "action": entry.action,
                "subject": f"{entry.subject_type}#{entry.subject_id}",
                "case": entry.case_id,
                "from": entry.from_status,
                "to": entry.to_status,
                "note": entry.note,
                "entry_hash": entry.entry_hash,
            }
            for entry in entries.iterator(chunk_size=2000)
        ],
    }
    audit_record(actor=user, subject=user, action="personal_data_exported")
    return document
