"""The referral panel that the platform's and the office's case pages include, and the figures the
supervising authority's dashboard includes (those apps sit beside this one and do not import it)."""

from django import template

from accounts.models import User
from cases.actions import CaseAction
from cases.models import Case
from cases.transition import action_allowed_now
from law_enforcement.selectors import referral_figures, referrals_of_case

register = template.Library()


@register.inclusion_tag("law_enforcement/_case_panel.html")
def law_enforcement_panel(case: Case, user: User) -> dict:
    """The case's referrals that the user's organisation made, and the links to refer it."""
    return {
        "case": case,
        "referrals": referrals_of_case(user=user, case=case),
        "may_refer": action_allowed_now(case, CaseAction.REFERRED_TO_LAW_ENFORCEMENT),
    }


@register.inclusion_tag("law_enforcement/_supervision_figures.html")
def referral_figures_table(user: User) -> dict:
    return {"rows": referral_figures(user=user)}
