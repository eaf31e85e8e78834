"""Bad-faith pages: the platform staff's list of suggestions and steps, the decision form with the factors
prefilled, the decision on a contest; the filer's contest. Thin: the services in programmes.bad_faith decide."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import platform_required, rightsholder_required, supervisor_required
from iprgov.form_errors import add_service_error
from iprgov.http import acting_user, found_or_404
from programmes.bad_faith import (
    bad_faith_contest,
    bad_faith_contest_decide,
    bad_faith_factors,
    bad_faith_record_across_platforms,
    bad_faith_step_for_filer,
    bad_faith_step_for_platform,
    bad_faith_step_record,
    bad_faith_steps_for_platform,
    bad_faith_suggestions,
)
from programmes.forms import BadFaithStepForm, ContestDecisionForm, ContestForm


@platform_required
def bad_faith_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    return render(
        request,
        "programmes/bad_faith_list.html",
        {
            "suggestions": bad_faith_suggestions(actor=user),
            "steps": bad_faith_steps_for_platform(actor=user),
            "contest_form": ContestDecisionForm(),
        },
    )


@platform_required
@require_http_methods(["GET", "POST"])
def bad_faith_step_new(request: HttpRequest, organisation_id: int) -> HttpResponse:
    user = acting_user(request)
    factors = found_or_404(bad_faith_factors, actor=user, organisation_id=organisation_id)
    form = BadFaithStepForm(request.POST or None, evidence_case_ids=factors.evidence_case_ids)
    if request.method == "POST" and form.is_valid():
        try:
            data = form.cleaned_data
            bad_faith_step_record(
                actor=user,
                organisation_id=organisation_id,
                kind=data["kind"],
                gravity=data["gravity"],
                intent=data["intent"],
                reasons=data["reasons"],
                evidence_case_ids=data["evidence_cases"],
                days=data["days"],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Recorded; the filer is told the reasons."))
            return redirect("programmes:bad_faith_list")
    return render(request, "programmes/bad_faith_step_new.html", {"factors": factors, "form": form})


@platform_required
@require_POST
def bad_faith_contest_decision(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    found_or_404(bad_faith_step_for_platform, actor=user, pk=pk)
    form = ContestDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("programmes:bad_faith_list")
    try:
        bad_faith_contest_decide(actor=user, step_id=pk, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Contest decided; the filer is told."))
    return redirect("programmes:bad_faith_list")


@rightsholder_required
@require_POST
def bad_faith_step_contest(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    found_or_404(bad_faith_step_for_filer, user=user, pk=pk)
    form = ContestForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("complaints:home")
    try:
        found_or_404(
            bad_faith_contest, actor=acting_user(request), step_id=pk, text=form.cleaned_data["text"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your contest was sent; a person will decide it."))
    return redirect("complaints:home")


@supervisor_required
def bad_faith_across_platforms(request: HttpRequest) -> HttpResponse:
    records = bad_faith_record_across_platforms(user=acting_user(request))
    return render(request, "programmes/bad_faith_across_platforms.html", {"records": records})
