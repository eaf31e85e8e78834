from collections.abc import Sequence

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import translation

from audit.actors import SYSTEM, Actor, Respondent
from audit.chain import chain_and_insert
from audit.models import ActorKind, AuditEntry


def audit_entry_build(
    *,
    actor: Actor,
    subject: models.Model,
    action: str,
    from_status: str = "",
    to_status: str = "",
    note: str = "",
    case_id: int | None = None,
) -> AuditEntry:
    """An unsaved entry for `record_many`. Who acted comes only from `actor` (a user, a Respondent or
    SYSTEM); anything else is a TypeError."""
    if case_id is None and subject._meta.model_name == "case":
        case_id = subject.pk
    return AuditEntry(
        **_actor_fields(actor),
        subject_type=subject._meta.model_name or "",
        subject_id=subject.pk,
        case_id=case_id,
        action=action,
        from_status=from_status,
        to_status=to_status,
        note=note,
    )


def record_many(entries: Sequence[AuditEntry]) -> list[AuditEntry]:
    """Append unsaved entries (from `audit_entry_build`) to the chain in the order given, in one INSERT.

    Call inside the transaction of the change they record. Entries written with `bulk_create` directly
    would have no place in the chain and `audit_verify` would report them.
    """
    return chain_and_insert(entries)


def audit_record(
    *,
    actor: Actor,
    subject: models.Model,
    action: str,
    from_status: str = "",
    to_status: str = "",
    note: str = "",
    case_id: int | None = None,
) -> AuditEntry:
    """Append one entry. Call inside the transaction of the change it records, so both commit or neither.

    Who acted comes only from `actor` (a user, a Respondent or SYSTEM); anything else is a TypeError.
    The time is the database's.
    """
    entry = audit_entry_build(
        actor=actor,
        subject=subject,
        action=action,
        from_status=from_status,
        to_status=to_status,
        note=note,
        case_id=case_id,
    )
    return record_many([entry])[0]


def audit_record_many(
    *,
    actor: Actor,
    subjects: list[models.Model],
    action: str,
    from_status: str = "",
    to_status: str = "",
    note: str = "",
    case_id: int | None = None,
) -> list[AuditEntry]:
    """One entry per subject, all alike but for the subject, chained in one INSERT (audit_record's contract)."""
    return record_many(
        [
            audit_entry_build(
                actor=actor,
                subject=subject,
                action=action,
                from_status=from_status,
                to_status=to_status,
                note=note,
                case_id=case_id,
            )
            for subject in subjects
        ]
    )


def _actor_fields(actor: Actor) -> dict[str, object]:
    if isinstance(actor, Respondent):
        return {
            "actor_kind": ActorKind.RESPONDENT,
            "respondent_store": actor.store,
            "name_given": actor.name_given.strip()[:200],
            "actor_label": f"respondent: {actor.store}"[:200],
        }
    if actor is SYSTEM:
        return {"actor_kind": ActorKind.SYSTEM, "actor_label": ActorKind.SYSTEM.value}
    # The user model sits above this app, so it is looked up rather than imported.
    if isinstance(actor, get_user_model()) and actor.pk is not None:
        # Recorded in the site's language, as every text of record (an organisation's name has two forms).
        with translation.override(settings.LANGUAGE_CODE):
            label = actor.shown_as()
        return {"actor_kind": ActorKind.USER, "actor": actor, "actor_label": label[:200]}
    raise TypeError(f"an audit entry's actor is a saved user, a Respondent or SYSTEM, not {actor!r}")
