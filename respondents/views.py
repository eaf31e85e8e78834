"""The respondent's page: no account, a signed and expiring link to one case.

The link is the only credential, so the page shows only what the respondent is entitled to: the notice
(right relied on, the complaint's description and evidence, listings with the statement of reasons for
each measure, the office's opinion or decision) and its own counter-notice or consent.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from cases.actions import CaseAction
from cases.forms import RespondentConsentForm
from cases.models import Case
from cases.services.consent import consent_answer_respondent
from cases.services.notice_and_takedown import counter_notice_file
from cases.transition import action_allowed_now
from complaints.models import EvidenceFile
from complaints.uploads import attachment_response
from iprgov.form_errors import add_service_error
from iprgov.respondent_pages import case_id_or_refusal
from respondents.forms import CounterNoticeForm
from respondents.selectors import respondent_consent_pending, respondent_evidence, respondent_notice


@never_cache
@require_http_methods(["GET", "POST"])
def case_notice(request: HttpRequest, token: str) -> HttpResponse:
    """The notice, and while one can be filed, the counter-notice form."""
    case_id = case_id_or_refusal(request, token)
    if isinstance(case_id, HttpResponse):
        return case_id
    try:
        notice = respondent_notice(case_id=case_id)
    except Case.DoesNotExist as exc:  # pragma: no cover — checked with the token
        raise Http404 from exc
    can_file = action_allowed_now(notice["case"], CaseAction.COUNTER_NOTICE_RECEIVED)
    form = None
    if can_file:
        form = CounterNoticeForm(
            request.POST or None,
            request.FILES or None,
            initial={"contact_email": notice["case"].store.contact_email},
        )
    if request.method == "POST":
        if form is None:
            messages.error(request, _("A counter-notice can no longer be filed on this case."))
            return redirect("respondents:case", token=token)
        if form.is_valid():
            data = form.cleaned_data
            try:
                counter_notice_file(
                    case_id=case_id,
                    respondent_name=data["respondent_name"],
                    contact_email=data["contact_email"],
                    statement=data["statement"],
                    declaration=data["declaration"],
                    evidence=data["evidence"],
                )
            except ValidationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(
                    request, _("Your counter-notice was filed. The platform forwards it to the complainant.")
                )
                return redirect("respondents:case", token=token)
    return _render(request, notice, token, form=form)


def _render(
    request: HttpRequest, notice: dict, token: str, *, status: int = 200, **forms: object
) -> HttpResponse:
    context = {**notice, "token": token, **forms}
    if "consent_form" not in forms and respondent_consent_pending(notice["case"]):
        context["consent_form"] = RespondentConsentForm(initial={"name": notice["case"].store.name})
    return render(request, "respondents/case.html", context, status=status)


@never_cache
@require_http_methods(["POST"])
def consent_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The respondent consents to administrative handling, or refuses with a reason."""
    case_id = case_id_or_refusal(request, token)
    if isinstance(case_id, HttpResponse):
        return case_id
    form = RespondentConsentForm(request.POST)
    if form.is_valid():
        try:
            consent_answer_respondent(case_id=case_id, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Your answer was recorded."))
            return redirect("respondents:case", token=token)
    notice = respondent_notice(case_id=case_id)
    return _render(request, notice, token, status=400, consent_form=form)


@never_cache
@require_GET
def evidence_download(request: HttpRequest, token: str, pk: int) -> HttpResponse | FileResponse:
    """One of the complainant's evidence files, through the respondent's link to its case."""
    case_id = case_id_or_refusal(request, token)
    if isinstance(case_id, HttpResponse):
        return case_id
    try:
        evidence = respondent_evidence(case_id=case_id, evidence_id=pk)
    except EvidenceFile.DoesNotExist as exc:
        raise Http404 from exc
    return attachment_response(evidence.file, evidence.original_name)
