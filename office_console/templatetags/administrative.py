"""The parties' actions on an administrative case, shown on the complainant's and the platform's case pages."""

from django import template

from accounts.models import OrgKind
from cases.forms import ConsentForm
from cases.models import CaseStatus, ConsentParty, ConsentStatus, HandlingMode
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
    if kind == OrgKind.RIGHTSHOLDER and case.status == CaseStatus.AWAITING_CONSENT:
        pending = any(
            c.party == ConsentParty.COMPLAINANT and c.status == ConsentStatus.PENDING
            for c in context.get("consents") or []
        )
        if pending or context.get("consent_form"):
            actions["consent_form"] = context.get("consent_form") or ConsentForm()
    if (
        kind == OrgKind.PLATFORM
        and case.status == CaseStatus.DECIDED
        and case.mode == HandlingMode.ADMINISTRATIVE
    ):
        actions["execution_form"] = ExecutionConfirmForm()
    return actions
