"""Operators' edits of configuration (routing rules, penalty policies, the calendar): each saved or removed
together with an audit entry naming who, and holding the record before and after as JSON."""

import json
from collections.abc import Callable

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction

from audit.actors import Actor
from audit.models import AuditEntry
from audit.services import audit_record

type StatusOf[M: models.Model] = Callable[[M | None], str]


def record_state(instance: models.Model | None) -> dict[str, object] | None:
    """The stored values of every concrete field (foreign keys by id); None for a record that does not exist."""
    if instance is None:
        return None
    return {field.attname: field.value_from_object(instance) for field in instance._meta.concrete_fields}


def _note(before: dict[str, object] | None, after: dict[str, object] | None) -> str:
    return json.dumps(
        {"before": before, "after": after}, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True
    )


def _subject_name(instance: models.Model, name: str) -> str:
    return name or instance._meta.model_name or "record"


@transaction.atomic
def edit_save[M: models.Model](
    *, instance: M, actor: Actor, name: str = "", status_of: StatusOf[M] | None = None
) -> AuditEntry:
    """Save an added or changed record and audit it as `<name>_added` / `<name>_changed` (name: the model's
    by default) with its stored state before and after; `status_of` gives the from / to columns."""
    stored = type(instance)._default_manager.filter(pk=instance.pk).first() if instance.pk else None
    instance.save()
    return audit_record(
        actor=actor,
        subject=instance,
        action=f"{_subject_name(instance, name)}_{'changed' if stored else 'added'}",
        from_status=status_of(stored) if status_of and stored else "",
        to_status=status_of(instance) if status_of else "",
        note=_note(record_state(stored), record_state(instance)),
    )


@transaction.atomic
def edit_delete[M: models.Model](
    *, instance: M, actor: Actor, name: str = "", status_of: StatusOf[M] | None = None
) -> AuditEntry:
    """Remove a record and audit it as `<name>_removed` with the state it had."""
    entry = audit_record(
        actor=actor,
        subject=instance,
        action=f"{_subject_name(instance, name)}_removed",
        from_status=status_of(instance) if status_of else "",
        note=_note(record_state(instance), None),
    )
    instance.delete()
    return entry
