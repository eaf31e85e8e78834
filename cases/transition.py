"""The one function that changes a case: status, audit entry and event, together or not at all."""

from collections.abc import Mapping, Sequence

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


def _move(case: Case, action: CaseAction, args: tuple[object, ...], refused: str) -> None:
    """Move the case's status as the action says (in memory), or refuse as case_transition documents."""
    spec = ACTIONS[action]
    message = refused or _("This cannot be done now: the case is %(status)s.") % {
        "status": case.get_status_display()
    }
    if spec.transition is not None:
        with readable_transition(message):
            getattr(case, spec.transition)(*args)
    elif case.status not in spec.allowed_in:
        raise ValidationError(message, code="transition_not_allowed")


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

    The refusal comes before the transaction block, so that a caller may catch it and go on in its own
    transaction; the writes then need no savepoint of their own (two statements fewer per action): they
    run in the caller's transaction, which holds the case locked, or in one of their own otherwise.
    """
    before = case.status
    transition = ACTIONS[action].transition
    _move(case, action, args, refused)
    with transaction.atomic(savepoint=False):
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


# What a transition itself may change besides the status (the closure, the outcome, the penalty marker);
# case_transition_many saves these, the fields its caller names and the update time.
MOVED_FIELDS = ("status", "closure", "outcome", "penalty_due", "updated_at")


def case_transition_many(
    *,
    cases: Sequence[Case],
    action: CaseAction,
    actor: Actor,
    notes: Mapping[int, str] | None = None,
    args: Mapping[int, tuple[object, ...]] | None = None,
    fields: Sequence[str] = (),
    refused: str = "",
) -> list[Case]:
    """Carry out `action` on many cases the caller holds locked, as case_transition does on one, in a
    fixed number of statements: each case moved by the action's transition (with its own `args` by case
    id, when the transition takes any), the cases saved by one UPDATE for each set of values (the moved
    fields and the `fields` the caller set: a chunk routed alike is one statement), one chained insert of
    their audit entries (one per case, in id order) and one `case_events`.

    Every case must allow the action (check with action_allowed_now first): one that does not raises
    ValidationError (transition_not_allowed) before anything is written, as case_transition does.
    `notes` gives a case's audit note by its id (none when missing). As in case_transition, the writes
    need no savepoint: they run in the caller's transaction (a bulk decision, the routing of a chunk, the
    split), which a failure rolls back whole, or in one of their own.
    """
    ordered = sorted(cases, key=lambda case: case.pk)
    if not ordered:
        return []
    transition = ACTIONS[action].transition
    notes = notes or {}
    args = args or {}
    before = {case.pk: case.status for case in ordered}
    for case in ordered:
        _move(case, action, args.get(case.pk, ()), refused)
    # auto_now is applied by save(), not by an update of many rows.
    now = timezone.now()
    for case in ordered:
        case.updated_at = now
    with transaction.atomic(savepoint=False):
        _cases_save(ordered, list(dict.fromkeys([*MOVED_FIELDS, *fields])))
        record_many(
            [
                audit_entry_build(
                    actor=actor,
                    subject=case,
                    action=action.value,
                    from_status=before[case.pk] if transition else "",
                    to_status=case.status if transition else "",
                    note=notes.get(case.pk, ""),
                )
                for case in ordered
            ]
        )
        case_events.send(
            sender=Case,
            cases=ordered,
            action=action,
            actor=actor,
            notes={c.pk: notes.get(c.pk, "") for c in ordered},
        )
    return ordered


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
