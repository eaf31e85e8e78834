"""The one function that changes a case: status, audit entry and event, together or not at all."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from cases.actions import ACTIONS, CaseAction
from cases.events import case_event
from cases.models import Case
from iprgov.transitions import readable_transition


@transaction.atomic
def case_transition(
    *,
    case: Case,
    action: CaseAction,
    actor: User | None,
    note: str = "",
    actor_label: str = "",
    args: tuple[object, ...] = (),
    refused: str = "",
) -> Case:
    """Carry out `action` on a case the caller holds locked: move its status (when the action is a
    transition), save it, write the audit entry and send `case_event`.

    A move the state machine does not allow from the current status raises ValidationError (code
    transition_not_allowed) with `refused`, or a general message, and changes nothing.
    """
    before = case.status
    transition = ACTIONS[action].transition
    if transition is not None:
        message = refused or _("This cannot be done now: the case is %(status)s.") % {
            "status": case.get_status_display()
        }
        with readable_transition(message):
            getattr(case, transition)(*args)
    case.save()
    audit_record(
        actor=actor,
        actor_label=actor_label,
        subject=case,
        action=action.value,
        from_status=before if transition else "",
        to_status=case.status if transition else "",
        note=note,
    )
    case_event.send(sender=Case, case_id=case.pk, action=action, actor=actor, note=note)
    return case
