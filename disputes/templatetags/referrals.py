"""The mediation and arbitration panel that the complainant's, the respondent's and the platform's case
pages include."""

from django import forms, template

from cases.models import Case, CaseStatus
from disputes.models import ReferralParty
from disputes.referral_forms import (
    ReferralAnswerForm,
    ReferralProposeForm,
    RespondentReferralAnswerForm,
    RespondentReferralProposeForm,
)
from disputes.selectors import bodies_offered
from disputes.services.referrals import open_proposal, referral_refusal

register = template.Library()


@register.inclusion_tag("disputes/_referral.html")
def referral_panel(case: Case, viewer: str, token: str = "") -> dict:
    """The case's referrals and the form `viewer` (complainant, respondent or platform) may use now: a
    proposal when none is open, an answer to the other party's proposal, the award to execute."""
    referrals = list(
        case.dispute_referrals.select_related("body__organisation")
        .prefetch_related("sessions", "awarded_measures__listing")
        .order_by("pk")
    )
    propose: forms.Form | None = None
    answer: forms.Form | None = None
    if viewer in ReferralParty.values:
        proposal = open_proposal(case)
        respondent = viewer == ReferralParty.RESPONDENT
        if proposal is not None and proposal.proposed_by != viewer:
            answer = RespondentReferralAnswerForm() if respondent else ReferralAnswerForm()
        elif referral_refusal(case) is None:
            bodies = bodies_offered(case)
            if bodies:
                form_class = RespondentReferralProposeForm if respondent else ReferralProposeForm
                propose = form_class(bodies=bodies)
    return {
        "case": case,
        "viewer": viewer,
        "token": token,
        "referrals": referrals,
        "propose": propose,
        "answer": answer,
        "execute": viewer == "platform" and case.status == CaseStatus.AWAITING_AWARD_EXECUTION,
    }
