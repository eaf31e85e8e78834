"""Office console: the docket, the case page, determination opinions and administrative decisions."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import office_required
from cases.actions import CaseAction
from cases.case_lists import CaseListForm, case_list_context
from cases.models import Case, CaseStatus, HandlingMode
from cases.selectors import (
    case_history_handed_over,
    case_page,
    case_page_asked,
    cooperation_records,
    docket_for_office,
    office_docket_counted,
)
from cases.services import office_records as office_services
from iprgov.form_errors import add_service_error
from iprgov.http import acting_user, found_or_404
from iprgov.once import once_per_form
from office_console.case_forms import office_action_forms
from office_console.forms import DecisionForm, OpinionForm


def _docket_form(data: QueryDict | None) -> CaseListForm:
    return CaseListForm(
        data,
        modes=[("", _("Opinions and administrative cases")), *HandlingMode.choices],
        statuses=[("", _("Any status")), *CaseStatus.choices],
        assignable=True,
    )


@office_required
def docket(request: HttpRequest) -> HttpResponse:
    """Cases of the official's office, soonest deadline first, searched, filtered and sorted as asked; a
    value that is not understood is an error next to its field (400) and no case is shown."""
    user = acting_user(request)
    form = _docket_form(request.GET or None)
    # A docket filtered by a value it does not know shows nothing rather than more than was asked for.
    refused = form.is_bound and not form.is_valid()
    context = case_list_context(
        request.GET,
        form,
        lambda query: Case.objects.none() if refused else docket_for_office(user=user, query=query),
        None if refused else office_docket_counted(user=user),
    )
    return render(request, "enforcement/docket.html", context, status=400 if refused else 200)


def _case_context(request: HttpRequest, pk: int) -> dict:
    return found_or_404(case_page, user=acting_user(request), case_id=pk, pages=request.GET)


def _render_case(
    request: HttpRequest,
    page: dict,
    *,
    opinion_form: Form | None = None,
    decision_form: Form | None = None,
    status: int = 200,
    **bound_forms: object,
) -> HttpResponse:
    case = page["case"]
    actions = page["actions"]
    # A refused form stays on the page with its errors, even when the case has moved on meanwhile.
    if opinion_form is None and CaseAction.OPINION_ISSUED in actions:
        opinion_form = OpinionForm()
    if decision_form is None and CaseAction.DECISION_ISSUED in actions:
        decision_form = DecisionForm()
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
    """The office's own case; read-only, a case another office asks it about (before it answers) or the
    history of a case it transferred away; a 404 for any other."""
    user = acting_user(request)
    try:
        return _render_case(request, case_page(user=user, case_id=pk, pages=request.GET))
    except Case.DoesNotExist:
        pass
    try:
        page = case_page_asked(user=user, case_id=pk, pages=request.GET)
    except Case.DoesNotExist:
        history = found_or_404(case_history_handed_over, user=user, case_id=pk)
        return render(request, "enforcement/case_handed_over.html", history)
    context = {**page, **cooperation_records(page["case"]), "read_only": True}
    return render(request, "enforcement/case_detail.html", context)


def case_action(
    request: HttpRequest, pk: int, form_name: str, form: Form, call: Callable[[dict], object], done: str
) -> HttpResponse:
    """An official's POST on a case: validate the form, call the service, show its refusal on the form.

    `form_name` is the case page's context name for the form, so a refused form is shown again with its errors.
    """
    page = _case_context(request, pk)
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except Case.DoesNotExist as exc:
            raise Http404 from exc
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, done)
            # A case transferred away is no longer this office's to show.
            if (
                page["case"].office_id
                and not Case.objects.filter(pk=pk, office=page["case"].office_id).exists()
            ):
                return redirect("enforcement:dashboard")
            return redirect("enforcement:case_detail", pk=pk)
    return _render_case(request, page, status=400, **{form_name: form})


@office_required
@require_POST
@once_per_form
def opinion_issue(request: HttpRequest, pk: int) -> HttpResponse:
    return case_action(
        request,
        pk,
        "opinion_form",
        OpinionForm(request.POST),
        lambda data: office_services.opinion_issue(case_id=pk, actor=acting_user(request), **data),
        _("Opinion issued; the case is back with the platform."),
    )


@office_required
@require_POST
@once_per_form
def decision_issue(request: HttpRequest, pk: int) -> HttpResponse:
    return case_action(
        request,
        pk,
        "decision_form",
        DecisionForm(request.POST),
        lambda data: office_services.administrative_decision_issue(
            case_id=pk, actor=acting_user(request), **data
        ),
        _("Decision issued; the platform must now execute it."),
    )
