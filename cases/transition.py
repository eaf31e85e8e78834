"""The one function that changes a case: status, audit entry and event, together or not at all."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from audit.actors import Actor
from audit.services import audit_entry_build, audit_record, record_many
from cases.actions import ACTIONS, CaseAction
from cases.events import case_event, case_events
from cases.models import Case
from iprgov.transitions import readable_transition


@transaction.atomic
def case_transition(
    *,
    case: Case,
    action: CaseAction,
    actor: Actor,
    note: str = "",
    args: tuple[object, ...] = (),
    refused: str = "",
) -> Case:
    """Carry out `action` on a case the caller holds locked: move its status (when the action is a
    transition), save it, write the audit entry and send `case_event`.

    An action the current status does not allow (the state machine's transition, or the catalogue's
    `allowed_in` for an action that keeps the status) raises ValidationError (code
    transition_not_allowed) with `refused`, or a general message, and changes nothing.
    """
    before = case.status
    spec = ACTIONS[action]
    transition = spec.transition
    message = refused or _("This cannot be done now: the case is %(status)s.") % {
        "status": case.get_status_display()
    }
    if transition is not None:
        with readable_transition(message):
            getattr(case, transition)(*args)
    elif case.status not in spec.allowed_in:
        raise ValidationError(message, code="transition_not_allowed")
    case.save()
    audit_record(
        actor=actor,
        subject=case,
        action=action.value,
        from_status=before if transition else "",
        to_status=case.status if transition else "",
        note=note,
    )
    case_event.send(sender=Case, case_id=case.pk, case=case, action=action, actor=actor, note=note)
    return case


# No savepoint of its own: it is called inside the transaction of the caller's change (the routing of a
# chunk, the split), which a failure rolls back whole; outside one it is a transaction of its own.
@transaction.atomic(savepoint=False)
def cases_transition_many(
    *,
    cases: Sequence[Case],
    action: CaseAction,
    actor: Actor,
    notes: Sequence[str],
    args: Sequence[tuple[object, ...]] = (),
    fields: Sequence[str] = (),
) -> None:
    """case_transition for many locked cases at once, in a fixed number of statements: each case moved by
    the action's transition (with its own `args`, when the action is a transition), the cases saved by one
    UPDATE for each set of values (`fields`, besides the status, are what the caller changed: a chunk
    routed alike is one statement), the audit entries chained in one INSERT, and one `case_events` for
    them all.

    A case whose status refuses the action raises ValidationError (code transition_not_allowed) and
    nothing is saved, as case_transition does for one case.
    """
    if not cases:
        return
    spec = ACTIONS[action]
    transition = spec.transition
    before = [case.status for case in cases]
    now = timezone.now()  # what save() gives updated_at (auto_now), which update() does not
    for case, case_args in zip(cases, args or [()] * len(cases), strict=True):
        message = _("This cannot be done now: the case is %(status)s.") % {
            "status": case.get_status_display()
        }
        if transition is not None:
            with readable_transition(message):
                getattr(case, transition)(*case_args)
        elif case.status not in spec.allowed_in:
            raise ValidationError(message, code="transition_not_allowed")
        case.updated_at = now
    if transition is not None or fields:  # an action that keeps the status and changes nothing: no write
        _cases_save(cases, [*dict.fromkeys(["status", "updated_at", *fields])])
    record_many(
        [
            audit_entry_build(
                actor=actor,
                subject=case,
                action=action.value,
                from_status=status if transition else "",
                to_status=case.status if transition else "",
                note=note,
            )
            for case, status, note in zip(cases, before, notes, strict=True)
        ]
    )
    case_events.send(sender=Case, cases=list(cases), action=action, actor=actor, notes=list(notes))


def _cases_save(cases: Sequence[Case], fields: list[str]) -> None:
    """Write `fields` of the cases: one plain UPDATE per distinct set of values, cheaper for PostgreSQL and
    for Django than one statement of a CASE per field and case (bulk_update)."""
    attnames = {field.name: field.attname for field in Case._meta.concrete_fields}
    columns = [attnames[name] for name in fields]
    alike: dict[tuple[object, ...], list[int]] = {}
    for case in cases:
        alike.setdefault(tuple(getattr(case, column) for column in columns), []).append(case.pk)
    for values, ids in alike.items():
        Case.objects.filter(pk__in=ids).update(**dict(zip(columns, values, strict=True)))


def action_allowed_now(case: Case, action: CaseAction) -> bool:
    """The case's status (and the transition's conditions) allow the action, whoever asks."""
    spec = ACTIONS[action]
    if spec.transition is not None:
        return can_proceed(getattr(case, spec.transition))
    return case.status in spec.allowed_in


def case_action_require(*, case: Case, action: CaseAction, refused: str) -> None:
    """Refuse early, with `refused`, an action the case's status does not allow (before any other check
    or write), by the same rule case_transition applies."""
    if not action_allowed_now(case, action):
        raise ValidationError(refused, code="transition_not_allowed")
