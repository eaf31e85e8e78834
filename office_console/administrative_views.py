"""Office console pages for administrative handling and cooperation: thin wrappers around the services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.permissions import office_required
from cases.models import AssistanceRequest, Case, SessionKind, Transfer
from cases.selectors import office_of
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
from office_console.views import _case_context, case_action


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
