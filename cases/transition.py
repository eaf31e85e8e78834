"""The one function that changes a case: status, audit entry and event, together or not at all."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Now
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from audit.actors import Actor
from audit.services import audit_record, audit_record_many
from cases.actions import ACTIONS, CaseAction
from cases.events import case_event
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


@transaction.atomic
def case_transition_many(
    *, cases: list[Case], action: CaseAction, actor: Actor, note: str = "", refused: str = ""
) -> list[Case]:
    """Carry out one action that keeps the status on several cases the caller holds locked, as
    case_transition does on each, in a fixed number of statements for the cases themselves: one update of
    their update time, one insert of their audit entries; then `case_event` for each, in this transaction.

    If the status of any case refuses the action, ValidationError (code transition_not_allowed) naming
    that case, with `refused` or a general message, and nothing changes.
    """
    spec = ACTIONS[action]
    if spec.transition is not None:
        raise ValueError(f"{action} moves the status: carry it out with case_transition, case by case")
    for case in cases:
        if case.status not in spec.allowed_in:
            raise ValidationError(
                _("Case %(number)s: %(reason)s")
                % {
                    "number": case.pk,
                    "reason": refused
                    or _("this cannot be done now: the case is %(status)s.")
                    % {"status": case.get_status_display()},
                },
                code="transition_not_allowed",
            )
    Case.objects.filter(pk__in=[case.pk for case in cases]).update(updated_at=Now())
    audit_record_many(actor=actor, subjects=list(cases), action=action.value, note=note)
    for case in cases:
        case_event.send(sender=Case, case_id=case.pk, case=case, action=action, actor=actor, note=note)
    return cases


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
