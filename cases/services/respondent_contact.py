"""Reaching the respondent: its signed link (re)sent to the store's contact by the platform or the office."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import OrgKind, User
from cases.actions import CaseAction
from cases.models import Case
from cases.services._scope import locked_case_for
from cases.transition import case_transition

NOTHING_FOR_THE_RESPONDENT = _("The respondent has nothing to read or do on this case now.")


@transaction.atomic
def respondent_link_send(*, case_id: int, actor: User) -> Case:
    """Email the respondent its link to the case again; refused when the store has no contact email."""
    kind = (
        OrgKind.OFFICE
        if actor.organisation and actor.organisation.kind == OrgKind.OFFICE
        else OrgKind.PLATFORM
    )
    case = locked_case_for(case_id=case_id, actor=actor, kind=kind)
    if not case.store.contact_email:
        raise ValidationError(
            _("Store %(store)s has no contact email: the platform adds one on the store's page first.")
            % {"store": case.store},
            code="no_contact",
        )
    return case_transition(
        case=case,
        action=CaseAction.RESPONDENT_LINK_SENT,
        actor=actor,
        refused=str(NOTHING_FOR_THE_RESPONDENT),
    )
