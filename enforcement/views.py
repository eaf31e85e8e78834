"""Office console: the docket, the case page, determination opinions and administrative decisions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import office_required
from enforcement.forms import DecisionForm, DocketFilterForm, OpinionForm, add_service_error
from enforcement.models import Case, CaseStatus, HandlingMode
from enforcement.selectors import case_page, cooperation_records, docket_for_office
from enforcement.services import office as office_services

DOCKET_PAGE_SIZE = 25


@office_required
def docket(request: HttpRequest) -> HttpResponse:
    """Cases of the official's office, soonest deadline first; a bad filter is a form error (400)."""
    form = DocketFilterForm(request.GET)
    if form.is_valid():
        cases = docket_for_office(user=request.user, **form.cleaned_data)
        status = 200
    else:
        cases = Case.objects.none()
        status = 400
    page_obj = Paginator(cases, DOCKET_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page_obj": page_obj,
        "cases": page_obj.object_list,
        "query_without_page": f"{query.urlencode()}&" if query else "",
    }
    return render(request, "enforcement/docket.html", context, status=status)


def _case_context(request: HttpRequest, pk: int) -> dict:
    try:
        return case_page(user=request.user, case_id=pk)
    except Case.DoesNotExist as exc:
        raise Http404 from exc


def _render_case(
    request: HttpRequest,
    page: dict,
    *,
    opinion_form: OpinionForm | None = None,
    decision_form: DecisionForm | None = None,
    status: int = 200,
    **bound_forms: object,
) -> HttpResponse:
    case = page["case"]
    # A refused form stays on the page with its errors, even when the case has moved on meanwhile.
    if (
        opinion_form is None
        and case.mode == HandlingMode.ASSISTED
        and case.status == CaseStatus.AWAITING_OPINION
    ):
        opinion_form = OpinionForm()
    if (
        decision_form is None
        and case.mode == HandlingMode.ADMINISTRATIVE
        and case.status == CaseStatus.AWAITING_OFFICE_DECISION
    ):
        decision_form = DecisionForm()
    from enforcement.administrative_views import office_action_forms

    context = {
        **page,
        **cooperation_records(case),
        **office_action_forms(request, page, bound_forms),
        "opinion_form": opinion_form,
        "decision_form": decision_form,
    }
    return render(request, "enforcement/case_detail.html", context, status=status)


@office_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_case(request, _case_context(request, pk))


@office_required
@require_POST
def opinion_issue(request: HttpRequest, pk: int) -> HttpResponse:
    page = _case_context(request, pk)
    form = OpinionForm(request.POST)
    if form.is_valid():
        try:
            office_services.opinion_issue(case_id=pk, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Opinion issued; the case is back with the platform."))
            return redirect("enforcement:case_detail", pk=pk)
    return _render_case(request, page, opinion_form=form, status=400)


@office_required
@require_POST
def decision_issue(request: HttpRequest, pk: int) -> HttpResponse:
    page = _case_context(request, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            office_services.administrative_decision_issue(case_id=pk, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Decision issued; the platform must now execute it."))
            return redirect("enforcement:case_detail", pk=pk)
    return _render_case(request, page, decision_form=form, status=400)
