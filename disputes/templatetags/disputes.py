"""The review panel that the complainant's, the platform's and the respondent's case pages include."""

from django import forms, template

from accounts.models import User
from cases.models import Case, ReviewParty
from cases.services.decisions import reason_choices_for
from cases.services.review import review_may_be_asked, review_open_until
from disputes.forms import RespondentReviewRequestForm, ReviewDecideForm, ReviewRequestForm
from platforms.models import DecisionAction

register = template.Library()


@register.inclusion_tag("disputes/_review.html")
def review_panel(case: Case, viewer: str, token: str = "", user: User | None = None) -> dict:
    """The case's reviews and the form `viewer` (complainant, respondent or platform) may use now.

    Platform staff who decided a listing of the case see the pending review but no answer form."""
    reviews = list(case.reviews.select_related("decided_by").prefetch_related("evidence").order_by("pk"))
    pending = next((review for review in reviews if review.is_pending), None)
    form: forms.Form | None = None
    if viewer == "platform":
        first_decider = user is not None and case.listing_decisions.filter(decided_by=user).exists()
        if pending is not None and not first_decider:
            form = ReviewDecideForm(reasons=reason_choices_for(case.platform, DecisionAction.TAKE_DOWN))
    elif review_may_be_asked(case, ReviewParty(viewer)):
        form = RespondentReviewRequestForm() if viewer == "respondent" else ReviewRequestForm()
    return {
        "case": case,
        "viewer": viewer,
        "token": token,
        "reviews": reviews,
        "pending": pending,
        "form": form,
        "open_until": review_open_until(case),
        "first_decider_waits": viewer == "platform" and pending is not None and form is None,
    }
