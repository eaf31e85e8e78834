"""Office console pages for administrative handling and cooperation: thin wrappers around the services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.models import Role
from accounts.permissions import office_required
from cases.models import OPEN_STATUSES, AssistanceRequest, Case, CaseStatus, SessionKind, Transfer
from cases.services import administrative, cooperation
from enforcement.models import Office
from iprgov.form_errors import add_service_error
from iprgov.http import acting_user
from office_console.dashboard import office_dashboard
from office_console.forms import (
    AssignForm,
    AssistanceAnswerForm,
    AssistanceForm,
    DeclineForm,
    MediationResultForm,
    SessionForm,
    TransferAnswerForm,
    TransferForm,
)
from office_console.views import case_action


def _is_manager(request: HttpRequest) -> bool:
    membership = getattr(acting_user(request), "membership", None)
    return membership is not None and membership.role == Role.MANAGER


def office_action_forms(request: HttpRequest, page: dict, bound: dict) -> dict:
    """The forms the case page offers now, for this official; a bound (refused) form replaces its blank one."""
    case: Case = page["case"]
    office = case.office
    manager = _is_manager(request)
    forms: dict[str, object] = {"is_manager": manager}
    if case.status == CaseStatus.AWAITING_ACCEPTANCE and manager:
        forms["can_accept"] = True
        forms["decline_form"] = DeclineForm()
    if (
        case.status in (CaseStatus.AWAITING_ACCEPTANCE, CaseStatus.AWAITING_OFFICE_DECISION)
        and manager
        and office
    ):
        officials = administrative.officials_of(office)
        assigned = {a.official_id for a in page.get("assignments", [])}
        suggestion = next((o.pk for o in officials if o.pk not in assigned), None)
        forms["assign_form"] = AssignForm(
            officials=officials, initial={"officials": [suggestion] if suggestion else []}
        )
    if case.status == CaseStatus.AWAITING_OFFICE_DECISION:
        forms["session_form"] = SessionForm(initial={"kind": SessionKind.MEDIATION})
        pending = [s for s in page.get("sessions", []) if s.kind == SessionKind.MEDIATION and not s.result]
        if pending:
            forms["mediation_form"] = MediationResultForm(sessions=pending)
    if case.status in OPEN_STATUSES and office:
        others = list(Office.objects.exclude(pk=office.pk).select_related("organisation"))
        if others:
            forms["transfer_form"] = TransferForm(offices=others)
            forms["assistance_form"] = AssistanceForm(offices=others)
    forms.update(bound)
    return forms


@office_required
@require_POST
def case_accept(request: HttpRequest, pk: int) -> HttpResponse:
    return case_action(
        request,
        pk,
        "accept_form",
        Form(request.POST),
        lambda data: administrative.case_accept(case_id=pk, actor=acting_user(request)),
        _("Case accepted for administrative handling."),
    )


@office_required
@require_POST
def case_decline(request: HttpRequest, pk: int) -> HttpResponse:
    return case_action(
        request,
        pk,
        "decline_form",
        DeclineForm(request.POST),
        lambda data: administrative.case_decline(
            case_id=pk, actor=acting_user(request), reason=data["reason"]
        ),
        _("Case declined; it falls back to the other handling mode."),
    )


@office_required
@require_POST
def officials_assign(request: HttpRequest, pk: int) -> HttpResponse:
    from cases.selectors import office_of

    own = office_of(acting_user(request))
    officials = administrative.officials_of(own) if own else []
    return case_action(
        request,
        pk,
        "assign_form",
        AssignForm(request.POST, officials=officials),
        lambda data: administrative.assignment_set(
            case_id=pk, actor=acting_user(request), official_ids=data["officials"]
        ),
        _("Officials assigned."),
    )


@office_required
@require_POST
def session_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    return case_action(
        request,
        pk,
        "session_form",
        SessionForm(request.POST),
        lambda data: administrative.session_schedule(case_id=pk, actor=acting_user(request), **data),
        _("Scheduled; both parties are told."),
    )


@office_required
@require_POST
def mediation_record(request: HttpRequest, pk: int) -> HttpResponse:
    from office_console.views import _case_context

    sessions = [
        s
        for s in _case_context(request, pk).get("sessions", [])
        if s.kind == SessionKind.MEDIATION and not s.result
    ]
    return case_action(
        request,
        pk,
        "mediation_form",
        MediationResultForm(request.POST, sessions=sessions),
        lambda data: administrative.mediation_record(
            session_id=data["session"], actor=acting_user(request), agreed=data["agreed"], text=data["text"]
        ),
        _("Mediation result recorded."),
    )


def _other_offices(request: HttpRequest) -> list[Office]:
    from cases.selectors import office_of

    own = office_of(acting_user(request))
    offices = Office.objects.select_related("organisation")
    if own is not None:
        offices = offices.exclude(pk=own.pk)
    return list(offices)


@office_required
@require_POST
def transfer_request(request: HttpRequest, pk: int) -> HttpResponse:
    return case_action(
        request,
        pk,
        "transfer_form",
        TransferForm(request.POST, offices=_other_offices(request)),
        lambda data: cooperation.transfer_request(
            case_id=pk, actor=acting_user(request), to_office_id=data["to_office"], reason=data["reason"]
        ),
        _("Transfer requested; the other office will answer."),
    )


@office_required
@require_POST
def assistance_request(request: HttpRequest, pk: int) -> HttpResponse:
    return case_action(
        request,
        pk,
        "assistance_form",
        AssistanceForm(request.POST, offices=_other_offices(request)),
        lambda data: cooperation.assistance_request(
            case_id=pk, actor=acting_user(request), to_office_id=data["to_office"], request=data["request"]
        ),
        _("Assistance requested; the answer will appear on this page."),
    )


def _render_dashboard(
    request: HttpRequest, bound: dict[tuple[str, int], Form] | None = None, status: int = 200
) -> HttpResponse:
    try:
        data = office_dashboard(user=acting_user(request))
    except Case.DoesNotExist as exc:  # pragma: no cover — office_required admits only office users
        raise Http404 from exc
    bound = bound or {}
    transfers = [
        (
            t,
            bound.get(("transfer", t.pk))
            or TransferAnswerForm(initial={"transfer": t.pk}, prefix=f"t{t.pk}"),
        )
        for t in data["incoming_transfers"]
    ]
    assistance = [
        (
            a,
            bound.get(("assistance", a.pk))
            or AssistanceAnswerForm(initial={"request": a.pk}, prefix=f"a{a.pk}"),
        )
        for a in data["incoming_assistance"]
    ]
    return render(
        request,
        "enforcement/dashboard.html",
        {**data, "transfers": transfers, "assistance": assistance},
        status=status,
    )


@office_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    return _render_dashboard(request)


def _prefix(request: HttpRequest, letter: str) -> str:
    for key in request.POST:
        if key.startswith(letter) and "-" in key and key.split("-", 1)[0][1:].isdigit():
            return key.split("-", 1)[0]
    return ""


@office_required
@require_POST
def transfer_answer(request: HttpRequest) -> HttpResponse:
    prefix = _prefix(request, "t")
    form = TransferAnswerForm(request.POST, prefix=prefix or None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            transfer = cooperation.transfer_answer(
                transfer_id=data["transfer"],
                actor=acting_user(request),
                accept=data["accept"],
                reason=data["reason"],
            )
        except Transfer.DoesNotExist as exc:
            raise Http404 from exc
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Transfer answered."))
            if data["accept"]:
                return redirect("enforcement:case_detail", pk=transfer.case_id)
            return redirect("enforcement:dashboard")
    key = ("transfer", int(prefix[1:]) if prefix else 0)
    return _render_dashboard(request, {key: form}, status=400)


@office_required
@require_POST
def assistance_answer(request: HttpRequest) -> HttpResponse:
    prefix = _prefix(request, "a")
    form = AssistanceAnswerForm(request.POST, prefix=prefix or None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            cooperation.assistance_answer(
                request_id=data["request"],
                actor=acting_user(request),
                answer=data["answer"],
                declined=data["declined"],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        except AssistanceRequest.DoesNotExist as exc:
            raise Http404 from exc
        else:
            messages.success(request, _("Answer sent to the asking office."))
            return redirect("enforcement:dashboard")
    key = ("assistance", int(prefix[1:]) if prefix else 0)
    return _render_dashboard(request, {key: form}, status=400)
