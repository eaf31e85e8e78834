"""Browser pages of disputes beyond the first decision: the dispute-resolution body's console, and reviews of
a platform's decision (the complainant and the respondent ask, platform staff answer). Each form is shown on the case page of whoever uses it (disputes.templatetags.disputes); a refused
form comes back on a page of its own with the errors next to its fields."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.permissions import dispute_body_required, platform_required, rightsholder_required
from cases.models import Case
from cases.selectors import case_get
from cases.services.decisions import reason_choices_for
from cases.services.review import review_decide, review_request_complainant, review_request_respondent
from disputes.forms import RespondentReviewRequestForm, ReviewDecideForm, ReviewRequestForm
from disputes.selectors import body_of, cases_referred_to
from iprgov.form_errors import add_service_error
from iprgov.http import acting_user, found_or_404
from iprgov.respondent_pages import case_id_or_refusal
from platforms.models import DecisionAction

CONSOLE_CASES = 100


def _refused(request: HttpRequest, case: Case, form: forms.Form, back: str) -> HttpResponse:
    return render(
        request, "disputes/review_form.html", {"case": case, "form": form, "back": back}, status=400
    )


@never_cache
@require_POST
def review_request_by_respondent(request: HttpRequest, token: str) -> HttpResponse:
    """The respondent, through its link, asks the platform to review a measure."""
    case_id = case_id_or_refusal(request, token)
    if isinstance(case_id, HttpResponse):
        return case_id
    form = RespondentReviewRequestForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            review_request_respondent(
                case_id=case_id,
                name_given=form.cleaned_data["name_given"],
                reasons=form.cleaned_data["reasons"],
                evidence=form.evidence_files(),
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Your request for a review was sent to the platform."))
            return redirect("respondents:case", token=token)
    return _refused(request, Case.objects.get(pk=case_id), form, reverse("respondents:case", args=[token]))


@rightsholder_required
@require_POST
def review_request_by_complainant(request: HttpRequest, pk: int) -> HttpResponse:
    """The complainant asks the platform to review a rejection."""
    case = found_or_404(case_get, user=acting_user(request), case_id=pk)
    form = ReviewRequestForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            review_request_complainant(
                case_id=pk,
                actor=acting_user(request),
                reasons=form.cleaned_data["reasons"],
                evidence=form.evidence_files(),
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Your request for a review was sent to the platform."))
            return redirect("complaints:case_detail", pk=pk)
    return _refused(request, case, form, reverse("complaints:case_detail", args=[pk]))


@platform_required
@require_POST
def review_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """A member of the platform's staff other than the first decider answers the pending review."""
    case = found_or_404(case_get, user=acting_user(request), case_id=pk)
    form = ReviewDecideForm(request.POST, reasons=reason_choices_for(case.platform, DecisionAction.TAKE_DOWN))
    if form.is_valid():
        try:
            review_decide(
                case_id=pk,
                actor=acting_user(request),
                outcome=form.cleaned_data["outcome"],
                answer=form.cleaned_data["answer"],
                reason_code=form.cleaned_data["reason_code"],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The review was answered; both parties are told."))
            return redirect("platforms:case_detail", pk=pk)
    return _refused(request, case, form, reverse("platforms:case_detail", args=[pk]))


@dispute_body_required
@require_GET
def console(request: HttpRequest) -> HttpResponse:
    """The body's console: its published profile and the cases referred to it."""
    user = acting_user(request)
    body = found_or_404(body_of, user=user)
    return render(
        request,
        "disputes/console.html",
        {"body": body, "cases": cases_referred_to(user=user)[:CONSOLE_CASES]},
    )
