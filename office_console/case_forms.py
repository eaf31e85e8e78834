"""The forms an office's case page offers now: exactly the actions available to the official."""

from django.http import HttpRequest

from accounts.models import Role
from cases.actions import CaseAction
from cases.forms import RerouteForm
from cases.models import Case, SessionKind
from cases.services import administrative
from enforcement.models import Office
from iprgov.http import acting_user
from office_console.forms import (
    AssignForm,
    AssistanceForm,
    DeclineForm,
    MediationResultForm,
    SessionForm,
    TransferForm,
)


def _is_manager(request: HttpRequest) -> bool:
    membership = getattr(acting_user(request), "membership", None)
    return membership is not None and membership.role == Role.MANAGER


def office_action_forms(request: HttpRequest, page: dict, bound: dict) -> dict:
    """The forms the case page offers now, for this official (exactly the actions available to them); a
    bound (refused) form replaces its blank one."""
    case: Case = page["case"]
    office = case.office
    actions = page["actions"]
    forms: dict[str, object] = {"is_manager": _is_manager(request)}
    if CaseAction.ACCEPTED in actions:
        forms["can_accept"] = True
        forms["decline_form"] = DeclineForm()
    if CaseAction.OFFICIALS_ASSIGNED in actions and office:
        officials = administrative.officials_of(office)
        assigned = {a.official_id for a in page.get("assignments", [])}
        suggestion = next((o.pk for o in officials if o.pk not in assigned), None)
        forms["assign_form"] = AssignForm(
            officials=officials, initial={"officials": [suggestion] if suggestion else []}
        )
    if CaseAction.MEDIATION_SCHEDULED in actions:
        forms["session_form"] = SessionForm(initial={"kind": SessionKind.MEDIATION})
    pending = [s for s in page.get("sessions", []) if s.kind == SessionKind.MEDIATION and not s.result]
    if pending and CaseAction.MEDIATION_FAILED in actions:
        forms["mediation_form"] = MediationResultForm(sessions=pending)
    if CaseAction.TRANSFER_REQUESTED in actions and office:
        others = list(Office.objects.exclude(pk=office.pk).select_related("organisation"))
        if others:
            forms["transfer_form"] = TransferForm(offices=others)
            forms["assistance_form"] = AssistanceForm(offices=others)
    if CaseAction.REROUTED in actions:
        forms["reroute_form"] = RerouteForm(offices=list(Office.objects.select_related("organisation")))
    forms.update(bound)
    return forms
