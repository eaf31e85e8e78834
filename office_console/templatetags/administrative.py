"""The parties' actions on an administrative case, shown on the complainant's and the platform's case pages."""

from django import template

from accounts.models import OrgKind
from cases.actions import CaseAction
from cases.forms import ConsentForm
from cases.models import ConsentParty, ConsentStatus
from cases.transition import action_allowed_now
from office_console.forms import ExecutionConfirmForm

register = template.Library()


@register.inclusion_tag("enforcement/_party_actions.html", takes_context=True)
def party_actions(context: template.Context) -> dict:
    case = context.get("case")
    request = context.get("request")
    kind = getattr(getattr(request, "user", None), "org_kind", None)
    actions: dict = {"case": case, "csrf_token": context.get("csrf_token")}
    if case is None:
        return actions
    available = context.get("actions") or set()
    if kind == OrgKind.RIGHTSHOLDER and action_allowed_now(case, CaseAction.CONSENT_GIVEN):
        pending = any(
            c.party == ConsentParty.COMPLAINANT and c.status == ConsentStatus.PENDING
            for c in context.get("consents") or []
        )
        if pending or context.get("consent_form"):
            actions["consent_form"] = context.get("consent_form") or ConsentForm()
    if CaseAction.EXECUTION_CONFIRMED in available:
        actions["execution_form"] = ExecutionConfirmForm()
    return actions
