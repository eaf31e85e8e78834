"""Browser pages of referrals to law enforcement: the referring platform's or office's form and list, the
authority's console, and the referral page both sides read (with the authority's forms on it)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import OrgKind
from accounts.permissions import law_enforcement_required, referral_party_required, referrer_required
from complaints.uploads import attachment_response
from iprgov.form_errors import add_service_error
from iprgov.http import acting_user, found_or_404
from law_enforcement.forms import OutcomeForm, ReferralForm
from law_enforcement.models import ReferralStatus
from law_enforcement.selectors import (
    authorities_for_referral,
    authority_of,
    referral_candidates,
    referral_cases,
    referral_get,
    referrals_visible_to,
)
from law_enforcement.services.referrals import (
    referral_acknowledge,
    referral_make,
    referral_outcome_record,
)

LIST_SIZE = 100


def _ids(values: list[str]) -> list[int]:
    return [int(value) for value in values if value.isascii() and value.isdigit()][:1000]


@referrer_required
@require_http_methods(["GET", "POST"])
def referral_create(request: HttpRequest) -> HttpResponse:
    """Refer cases of the platform or office: those named (?case=..), or every routed case of a store
    (?store=..), offered as checkboxes, all ticked."""
    user = acting_user(request)
    source = request.POST if request.method == "POST" else request.GET
    store = source.get("store", "")
    store_id = int(store) if store.isascii() and store.isdigit() else None
    named = _ids(source.getlist("case")) + _ids(source.getlist("cases"))
    candidates = referral_candidates(user=user, case_ids=named, store_id=store_id)
    authorities = authorities_for_referral()
    if request.method == "GET":
        form = ReferralForm(
            cases=candidates, authorities=authorities, initial={"cases": [case.pk for case in candidates]}
        )
        return render(request, "law_enforcement/referral_form.html", {"form": form, "store": store_id})
    form = ReferralForm(request.POST, cases=candidates, authorities=authorities)
    if form.is_valid():
        try:
            referral = referral_make(
                actor=user,
                authority_id=form.cleaned_data["authority"].pk,
                reason=form.cleaned_data["reason"],
                case_ids=[case.pk for case in form.cleaned_data["cases"]],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The cases were referred; the authority is told."))
            return redirect("law_enforcement:referral_detail", pk=referral.pk)
    return render(
        request, "law_enforcement/referral_form.html", {"form": form, "store": store_id}, status=400
    )


@referrer_required
@require_GET
def referral_list(request: HttpRequest) -> HttpResponse:
    """The referrals the platform or office made, newest first."""
    referrals = referrals_visible_to(acting_user(request))[:LIST_SIZE]
    return render(request, "law_enforcement/referral_list.html", {"referrals": referrals})


@law_enforcement_required
@require_GET
def console(request: HttpRequest) -> HttpResponse:
    """The authority's console: its profile and the referrals made to it, newest first."""
    user = acting_user(request)
    authority = found_or_404(authority_of, user=user)
    referrals = referrals_visible_to(user)[:LIST_SIZE]
    return render(request, "law_enforcement/console.html", {"authority": authority, "referrals": referrals})


def _detail(
    request: HttpRequest, pk: int, outcome_form: OutcomeForm | None = None, status: int = 200
) -> HttpResponse:
    user = acting_user(request)
    referral = found_or_404(referral_get, user=user, referral_id=pk)
    is_authority = user.org_kind == OrgKind.LAW_ENFORCEMENT
    may_report = is_authority and referral.status in (
        ReferralStatus.ACKNOWLEDGED,
        ReferralStatus.INVESTIGATING,
    )
    return render(
        request,
        "law_enforcement/referral_detail.html",
        {
            "referral": referral,
            "cases": referral_cases(referral),
            "is_authority": is_authority,
            "may_acknowledge": is_authority and referral.status == ReferralStatus.REFERRED,
            "outcome_form": (outcome_form or OutcomeForm()) if may_report else None,
        },
        status=status,
    )


@referral_party_required
@require_GET
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, pk)


@referral_party_required
@require_GET
def referral_package(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The clue package, checked against its recorded SHA-256 before it is served."""
    referral = found_or_404(referral_get, user=acting_user(request), referral_id=pk)
    return attachment_response(referral.package, f"referral-{referral.pk}-clue-package.zip")


@referral_party_required
@require_GET
def outcome_file(request: HttpRequest, pk: int, outcome_pk: int) -> HttpResponseBase:
    referral = found_or_404(referral_get, user=acting_user(request), referral_id=pk)
    outcome = found_or_404(referral.outcomes.get, pk=outcome_pk)
    return attachment_response(outcome.file, outcome.original_name or "file")


@law_enforcement_required
@require_POST
def acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        found_or_404(referral_acknowledge, referral_id=pk, actor=acting_user(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Receipt acknowledged; the referring party is told."))
    return redirect("law_enforcement:referral_detail", pk=pk)


@law_enforcement_required
@require_POST
def outcome_report(request: HttpRequest, pk: int) -> HttpResponse:
    form = OutcomeForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            found_or_404(
                referral_outcome_record,
                referral_id=pk,
                actor=acting_user(request),
                kind=form.cleaned_data["kind"],
                note=form.cleaned_data["note"],
                file=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The outcome was recorded; the referring party is told."))
            return redirect("law_enforcement:referral_detail", pk=pk)
    return _detail(request, pk, outcome_form=form, status=400)
