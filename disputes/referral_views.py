"""Browser pages of mediation and arbitration: the parties propose a body and answer a proposal (on their case
pages, the respondent through its link), the body's staff work the case on its page, the platform executes
an award. A refused form comes back on a page of its own with the errors next to its fields."""

from collections.abc import Callable
from typing import Any

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
from disputes.referral_forms import (
    AwardForm,
    BodySessionForm,
    ReferralAnswerForm,
    ReferralProposeForm,
    RespondentReferralAnswerForm,
    RespondentReferralProposeForm,
    SettlementForm,
)
from disputes.selectors import bodies_offered, body_of
from disputes.services.referrals import (
    award_execute,
    award_issue,
    body_session_record,
    referral_answer_complainant,
    referral_answer_respondent,
    referral_at_body,
    referral_propose_complainant,
    referral_propose_respondent,
    settlement_record,
)
from iprgov.form_errors import add_service_error
from iprgov.http import acting_user, found_or_404
from iprgov.respondent_pages import case_id_or_refusal


def _carry_out(
    request: HttpRequest,
    *,
    case: Case,
    form: forms.Form,
    service: Callable[[dict[str, Any]], object],
    done: str,
    back: str,
) -> HttpResponse:
    """Call the service with the form's data; back to the case page with `done`, or the form with its errors."""
    if form.is_valid():
        try:
            service(form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, done)
            return redirect(back)
    return render(
        request, "disputes/referral_form.html", {"case": case, "form": form, "back": back}, status=400
    )


@rightsholder_required
@require_POST
def complainant_referral_propose(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    case = found_or_404(case_get, user=user, case_id=pk)
    return _carry_out(
        request,
        case=case,
        form=ReferralProposeForm(request.POST, bodies=bodies_offered(case)),
        service=lambda data: referral_propose_complainant(
            case_id=pk, actor=user, body_id=data["body"], measures=data["measures"], note=data["note"]
        ),
        done=_("Your proposal was sent to the respondent."),
        back=reverse("complaints:case_detail", args=[pk]),
    )


@rightsholder_required
@require_POST
def complainant_referral_answer(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    case = found_or_404(case_get, user=user, case_id=pk)
    return _carry_out(
        request,
        case=case,
        form=ReferralAnswerForm(request.POST),
        service=lambda data: referral_answer_complainant(
            case_id=pk, actor=user, accept=data["accept"], reason=data["reason"]
        ),
        done=_("Your answer was sent; both parties are told."),
        back=reverse("complaints:case_detail", args=[pk]),
    )


@never_cache
@require_POST
def respondent_referral_propose(request: HttpRequest, token: str) -> HttpResponse:
    """The respondent, through its link, proposes a body to the complainant."""
    case_id = case_id_or_refusal(request, token)
    if isinstance(case_id, HttpResponse):
        return case_id
    case = Case.objects.select_related("store", "platform", "complaint__right").get(pk=case_id)
    return _carry_out(
        request,
        case=case,
        form=RespondentReferralProposeForm(request.POST, bodies=bodies_offered(case)),
        service=lambda data: referral_propose_respondent(
            case_id=case_id,
            name_given=data["name_given"],
            body_id=data["body"],
            measures=data["measures"],
            note=data["note"],
        ),
        done=_("Your proposal was sent to the complainant."),
        back=reverse("respondents:case", args=[token]),
    )


@never_cache
@require_POST
def respondent_referral_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The respondent, through its link, accepts or refuses the complainant's proposal."""
    case_id = case_id_or_refusal(request, token)
    if isinstance(case_id, HttpResponse):
        return case_id
    return _carry_out(
        request,
        case=Case.objects.get(pk=case_id),
        form=RespondentReferralAnswerForm(request.POST),
        service=lambda data: referral_answer_respondent(
            case_id=case_id, name_given=data["name_given"], accept=data["accept"], reason=data["reason"]
        ),
        done=_("Your answer was sent; both parties are told."),
        back=reverse("respondents:case", args=[token]),
    )


def _body_page(request: HttpRequest, case: Case, **forms_given: forms.Form) -> dict[str, Any]:
    referral = referral_at_body(case)
    listings = list(case.listings.order_by("pk"))
    return {
        "body": body_of(acting_user(request)),
        "case": case,
        "referral": referral,
        "listings": listings,
        "session_form": forms_given.get("session_form") or BodySessionForm(),
        "settlement_form": forms_given.get("settlement_form") or SettlementForm(),
        "award_form": forms_given.get("award_form") or AwardForm(listings=listings),
    }


@dispute_body_required
@require_GET
def body_case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A case referred to the body: the parties, the listings, the case file, its sessions and forms."""
    case = found_or_404(case_get, user=acting_user(request), case_id=pk)
    return render(request, "disputes/case_detail.html", _body_page(request, case))


def _body_step(
    request: HttpRequest,
    pk: int,
    name: str,
    form: forms.Form,
    service: Callable[[dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    user = acting_user(request)
    case = found_or_404(case_get, user=user, case_id=pk)
    if form.is_valid():
        try:
            service(form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, done)
            return redirect("disputes:case_detail", pk=pk)
    return render(request, "disputes/case_detail.html", _body_page(request, case, **{name: form}), status=400)


@dispute_body_required
@require_POST
def body_session(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    return _body_step(
        request,
        pk,
        "session_form",
        BodySessionForm(request.POST),
        lambda data: body_session_record(case_id=pk, actor=user, **data),
        _("The session was recorded; both parties are told."),
    )


@dispute_body_required
@require_POST
def body_settlement(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    return _body_step(
        request,
        pk,
        "settlement_form",
        SettlementForm(request.POST),
        lambda data: settlement_record(case_id=pk, actor=user, terms=data["terms"]),
        _("The settlement was recorded and the case closed; both parties and the platform are told."),
    )


@dispute_body_required
@require_POST
def body_award(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    case = found_or_404(case_get, user=user, case_id=pk)
    form = AwardForm(request.POST, listings=list(case.listings.order_by("pk")))
    return _body_step(
        request,
        pk,
        "award_form",
        form,
        lambda data: award_issue(case_id=pk, actor=user, terms=data["terms"], measures=form.measures()),
        _("The award was issued; the platform executes it."),
    )


@platform_required
@require_POST
def award_execution(request: HttpRequest, pk: int) -> HttpResponse:
    """The platform executes the award on the case: the listings change and the case closes."""
    user = acting_user(request)
    found_or_404(case_get, user=user, case_id=pk)
    try:
        award_execute(case_id=pk, actor=user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The award was executed: the listings changed and the case is closed."))
    return redirect("platforms:case_detail", pk=pk)
