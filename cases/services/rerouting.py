"""Re-routing a case by hand: another handling mode or office, with the reason the person gives, on record.

The rules route every case; a person overrides them only before anyone has decided on the case's
substance. Each routing, by the rules or by hand, is kept as a `RoutingRecord` with its reason as written.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from cases.actions import CaseAction
from cases.models import Case, HandlingMode, RoutingKind, RoutingRecord
from cases.services._deadline import deadline_set
from cases.services._scope import locked_case_of_office, require_manager
from cases.services.consent import consent_requests_open
from cases.transition import case_action_require, case_transition
from complaints.models import ListingStatus
from enforcement.models import Office


def _locked_case(case_id: int, actor: User) -> Case:
    """Operators (the admin's staff) reach every case; an office's manager only its jurisdiction's."""
    if actor.is_staff:
        return (
            Case.objects.select_for_update(of=("self",))
            .select_related(
                "complaint__filed_by_org", "platform__organisation", "office__organisation", "store"
            )
            .get(pk=case_id)
        )
    require_manager(actor)
    return locked_case_of_office(case_id=case_id, actor=actor)


def _new_office(case: Case, mode: HandlingMode, office_id: int | None) -> Office | None:
    if office_id is None:
        office = case.office
    else:
        office = Office.objects.select_related("organisation").filter(pk=office_id).first()
        if office is None:
            raise ValidationError({"office": _("Choose an office.")})
    if office is None and mode != HandlingMode.PLATFORM:
        raise ValidationError({"office": _("This handling mode needs an office: choose one.")})
    return office


def _deadline_days(case: Case, mode: HandlingMode, office: Office | None) -> int:
    if mode == HandlingMode.ASSISTED and office is not None:
        return office.opinion_deadline_days
    if mode == HandlingMode.ADMINISTRATIVE:
        return settings.IPRGOV_CONSENT_DAYS
    return settings.IPRGOV_PLATFORM_ACTION_DAYS


@transaction.atomic
def case_reroute(*, case_id: int, actor: User, mode: str, reason: str, office_id: int | None = None) -> Case:
    """Send a case not yet decided to another mode and/or office, recording who did it and why.

    The actor is an operator (staff) or a manager of the case's office; another
    official is refused (forbidden) and a case outside the office's jurisdiction is Case.DoesNotExist.
    Refused, with the field at fault: no reason, an unknown mode, a mode that needs an office without one,
    the same mode and office as now. Refused as a whole: a case already decided (or with a listing
    decided), and administrative handling for a case whose parties were already asked for consent.
    On success the case starts the new mode afresh (status, deadline, consent requests) and the parties
    are told through the `rerouted` action.
    """
    case = _locked_case(case_id, actor)
    case_action_require(
        case=case,
        action=CaseAction.REROUTED,
        refused=_("Only a case on which nothing has been decided yet can be re-routed."),
    )
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for re-routing the case.")})
    if mode not in HandlingMode.values:
        raise ValidationError({"mode": _("Choose a handling mode.")})
    new_mode = HandlingMode(mode)
    office = _new_office(case, new_mode, office_id)
    if new_mode == case.mode and office == case.office:
        raise ValidationError({"mode": _("The case is already handled in this mode by this office.")})
    if case.listings.exclude(status=ListingStatus.PENDING).exists():
        raise ValidationError(
            _("Listings of this case have already been decided; it can no longer be re-routed."),
            code="transition_not_allowed",
        )
    if new_mode == HandlingMode.ADMINISTRATIVE and case.consents.exists():
        raise ValidationError(
            {
                "mode": _(
                    "The parties were already asked to consent on this case; it cannot go back to administrative handling."
                )
            }
        )
    # The record is written in the site's language, as routing writes its own (the person's reason as typed).
    with translation.override(settings.LANGUAGE_CODE):
        where = f"{new_mode.label}, {office.name}" if office else str(new_mode.label)
        record_text = _("Re-routed to %(where)s: %(reason)s") % {"where": where, "reason": reason}
    now = timezone.now()
    deadline_set(case, _deadline_days(case, new_mode, office), today=timezone.localdate(now))
    case.mode = new_mode
    case.office = office
    case.routed_office = office
    case.routing_rule = None
    case.routing_reason = record_text
    case.routed_at = now
    RoutingRecord.objects.create(
        case=case,
        kind=RoutingKind.REROUTED,
        mode=new_mode,
        office=office,
        reason=reason,
        recorded_by=actor,
        recorded_at=now,
    )
    if new_mode == HandlingMode.ADMINISTRATIVE:
        # Asked before the move, so that the action's notifications ask the parties for it.
        consent_requests_open(case=case)
    case_transition(case=case, action=CaseAction.REROUTED, actor=actor, args=(new_mode,), note=record_text)
    return case
