"""Browser pages of the platform console: the case queue, a case and its per-listing decision."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.permissions import platform_required
from cases.actions import CaseAction
from cases.case_lists import CaseListForm, case_list_context
from cases.forms import SuspendFilingForm
from cases.models import HandlingMode
from cases.selectors import (
    case_list_for_platform,
    case_page,
    cases_with_unreachable_respondent,
    platform_queue_counted,
)
from cases.services.bad_faith import complainant_record, filing_suspend
from cases.services.decisions import (
    DECIDABLE,
    information_request,
    listing_decide,
    reason_choices_by_decision,
)
from cases.services.decisions import cases_decide_bulk as decide_bulk
from cases.services.notice_and_takedown import counter_notice_forward
from cases.services.notice_and_takedown import counter_notices_forward_bulk as forward_bulk
from cases.services.penalties import store_points
from complaints.uploads import attachment_response
from iprgov.form_errors import add_service_error
from iprgov.http import acting_user, found_or_404
from iprgov.once import once_per_form
from platform_console.forms import (
    QUEUE_STATUSES,
    BulkDecisionForm,
    InformationRequestForm,
    ListingDecisionForm,
    StoreContactForm,
)
from platform_console.selectors import counter_notice_evidence_get, store_history
from platforms.models import DecisionAction, Platform
from platforms.statements import StatementParts, statement_template_for
from platforms.stores import store_contact_set

# The most cases one bulk action takes at once; "select all matching" takes the first ones of the filter.
BULK_LIMIT = 200
UNREACHABLE_SHOWN = 20


def _case_page_or_404(request: HttpRequest, pk: int) -> dict:
    return found_or_404(case_page, user=acting_user(request), case_id=pk, pages=request.GET)


def _statement_templates(platform: Platform | None) -> dict[str, StatementParts]:
    if platform is None:
        return {}
    return {action: statement_template_for(platform, action) for action in DecisionAction.values}


def _decision_form(page: dict, data: QueryDict | None = None) -> ListingDecisionForm:
    platform = page["case"].platform
    return ListingDecisionForm(
        data,
        listings=page["listings"],
        opinion=page["opinion"],
        decision=page["decision"],
        reasons=reason_choices_by_decision(platform),
        templates=_statement_templates(platform),
    )


def _render_case(request: HttpRequest, page: dict, form: ListingDecisionForm | None) -> HttpResponse:
    actions = page["actions"]
    decidable = CaseAction.LISTINGS_DECIDED in actions
    if form is None and decidable:
        form = _decision_form(page)
    return render(
        request,
        "platforms/case_detail.html",
        {**page, **_console_extras(page, actions), "form": form, "decidable": decidable},
    )


def _queue_form(data: QueryDict | None) -> CaseListForm:
    return CaseListForm(
        data,
        modes=[("", _("All modes")), *HandlingMode.choices],
        statuses=[("", _("All statuses")), *QUEUE_STATUSES],
    )


@platform_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    """The cases on the user's platform, soonest deadline first, searched, filtered and sorted as asked; a
    value that is not understood is shown on its field and left out."""
    user = acting_user(request)
    context = case_list_context(
        request.GET,
        _queue_form(request.GET or None),
        lambda query: case_list_for_platform(user=user, query=query),
        platform_queue_counted(user=user),
    )
    return render(
        request,
        "platforms/queue.html",
        {
            **context,
            "bulk_limit": BULK_LIMIT,
            "today": timezone.localdate(),
            "unreachable": cases_with_unreachable_respondent(user=user)[:UNREACHABLE_SHOWN],
        },
    )


def _chosen_case_ids(request: HttpRequest) -> list[int]:
    """The cases a bulk action was asked for: the ticked ones, or with "all matching" the first BULK_LIMIT
    cases of the queue's filter as it stands now (the next step lists them by number)."""
    data = request.GET if request.method == "GET" else request.POST
    if data.get("all_matching"):
        query = _queue_form(QueryDict(data.get("filter_query", ""))).query()
        cases = case_list_for_platform(user=acting_user(request), query=query)
        return list(cases.values_list("pk", flat=True)[:BULK_LIMIT])
    return _ids(data.getlist("cases"))[:BULK_LIMIT]


@platform_required
@require_GET
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A case on the user's platform with the office's records and, while decidable, the decision form."""
    return _render_case(request, _case_page_or_404(request, pk), form=None)


@platform_required
@require_POST
@once_per_form
def case_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Decide the chosen listings; the service's refusal is shown on the form, success returns to the case."""
    page = _case_page_or_404(request, pk)
    form = _decision_form(page, request.POST)
    if form.is_valid():
        try:
            decisions = listing_decide(
                case_id=pk,
                listing_ids=form.cleaned_data["listings"],
                actor=acting_user(request),
                action=form.cleaned_data["action"],
                reason_code=form.cleaned_data["reason_code"],
                statement=form.statement_parts(),
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            count = len(decisions)
            messages.success(
                request,
                ngettext(
                    "Decision recorded for %(count)d listing.",
                    "Decision recorded for %(count)d listings.",
                    count,
                )
                % {"count": count},
            )
            return redirect("platforms:case_detail", pk=pk)
    return _render_case(request, page, form)


# Notice and takedown, bulk decisions, stores and complainants -----------------------------------------


def _console_extras(page: dict, actions: set[CaseAction]) -> dict:
    """What the platform's case page shows beyond the shared partials: its lifecycle actions and records."""
    case = page["case"]
    return {
        "information_form": InformationRequestForm() if CaseAction.INFORMATION_REQUESTED in actions else None,
        "complainant_record": complainant_record(
            organisation_id=case.complaint.filed_by_org_id, platform_id=case.platform_id
        ),
        "suspend_form": SuspendFilingForm(),
        "store_points": store_points(store_id=case.store_id),
    }


def _refusal(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


@platform_required
@require_POST
def case_request_information(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask the complainant for information; the case waits for the answer until its due date."""
    _case_page_or_404(request, pk)
    form = InformationRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("platforms:case_detail", pk=pk)
    try:
        information_request(case_id=pk, actor=acting_user(request), question=form.cleaned_data["question"])
    except ValidationError as exc:
        _refusal(request, exc)
    else:
        messages.success(request, _("Information requested from the complainant."))
    return redirect("platforms:case_detail", pk=pk)


@platform_required
@require_POST
def case_forward_counter_notice(request: HttpRequest, pk: int) -> HttpResponse:
    """Forward the respondent's counter-notice to the complainant; the window opens."""
    _case_page_or_404(request, pk)
    try:
        case = counter_notice_forward(case_id=pk, actor=acting_user(request))
    except ValidationError as exc:
        _refusal(request, exc)
    else:
        assert case.deadline is not None, "forwarding a counter-notice opens the complainant's window"
        messages.success(
            request,
            _("Counter-notice forwarded. The complainant's window ends on %(date)s.")
            % {"date": date_format(case.deadline, "DATE_FORMAT")},
        )
    return redirect("platforms:case_detail", pk=pk)


@platform_required
@require_POST
def counter_notices_forward_bulk(request: HttpRequest) -> HttpResponse:
    """Forward the counter-notices of every chosen case; each case on its own, refusals are listed."""
    chosen = _chosen_case_ids(request)
    visible = set(
        case_list_for_platform(user=acting_user(request)).filter(pk__in=chosen).values_list("pk", flat=True)
    )
    errors = forward_bulk(case_ids=[pk for pk in chosen if pk in visible], actor=acting_user(request))
    done = len(visible) - len(errors)
    refused = [f"{pk}: {message}" for pk, message in errors.items()]
    if done:
        messages.success(
            request,
            ngettext("%(count)d counter-notice forwarded.", "%(count)d counter-notices forwarded.", done)
            % {"count": done},
        )
    for line in refused:
        messages.error(request, line)
    if not done and not refused:
        messages.error(request, _("Choose at least one case."))
    return redirect("platforms:queue")


def _ids(values: list[str]) -> list[int]:
    return [int(value) for value in values if value.isdigit()]


@platform_required
@require_http_methods(["GET", "POST"])
@once_per_form
def cases_decide_bulk(request: HttpRequest) -> HttpResponse:
    """GET: the cases chosen in the queue with one decision form; POST: decide them all."""
    # A POST from the queue ("step=choose") only carries the chosen cases: show the form for them.
    choosing = request.method == "GET" or request.POST.get("step") == "choose"
    data = None if choosing else request.POST
    chosen = _chosen_case_ids(request)
    cases = list(
        case_list_for_platform(user=acting_user(request)).filter(pk__in=chosen, status__in=DECIDABLE)
    )
    platform = cases[0].platform if cases else getattr(acting_user(request).organisation, "platform", None)
    form = BulkDecisionForm(
        data,
        cases=cases,
        reasons=reason_choices_by_decision(platform),
        templates=_statement_templates(platform),
    )
    if data is not None and form.is_valid():
        errors = decide_bulk(
            case_ids=form.cleaned_data["cases"],
            actor=acting_user(request),
            action=form.cleaned_data["action"],
            reason_code=form.cleaned_data["reason_code"],
            statement=form.statement_parts(),
        )
        decided = len(form.cleaned_data["cases"]) - len(errors)
        if decided:
            messages.success(
                request,
                ngettext("%(count)d case decided.", "%(count)d cases decided.", decided) % {"count": decided},
            )
        for case_id, error in errors.items():
            messages.error(request, f"{case_id}: {error}")
        return redirect("platforms:queue")
    return render(request, "platforms/bulk_decide.html", {"form": form, "cases": cases})


@platform_required
@require_POST
def complainant_suspend(request: HttpRequest, pk: int) -> HttpResponse:
    """Suspend the filing of the complainant of case `pk` against this platform."""
    page = _case_page_or_404(request, pk)
    form = SuspendFilingForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("platforms:case_detail", pk=pk)
    try:
        suspension = filing_suspend(
            actor=acting_user(request),
            organisation_id=page["case"].complaint.filed_by_org_id,
            days=form.cleaned_data["days"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as exc:
        _refusal(request, exc)
    else:
        messages.success(
            request,
            _("Filing suspended until %(date)s.")
            % {"date": date_format(timezone.localtime(suspension.until), "DATE_FORMAT")},
        )
    return redirect("platforms:case_detail", pk=pk)


@platform_required
@require_http_methods(["GET", "POST"])
def store_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A store's contact, standing, penalty points and case history on the user's platform; POST sets the
    contact the respondent is emailed at."""
    history = found_or_404(store_history, user=acting_user(request), store_id=pk)
    form = StoreContactForm(request.POST or None, instance=history["store"])
    if request.method == "POST" and form.is_valid():
        store_contact_set(actor=acting_user(request), store_id=pk, **form.cleaned_data)
        messages.success(request, _("The store's contact is saved."))
        return redirect("platforms:store_detail", pk=pk)
    return render(request, "platforms/store_detail.html", {**history, "contact_form": form})


@login_required
@require_GET
def counter_notice_evidence_download(request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
    """A counter-notice evidence file, to the platform, complainant or office that sees its case."""
    evidence = found_or_404(counter_notice_evidence_get, user=acting_user(request), evidence_id=pk)
    return attachment_response(evidence.file, evidence.original_name)
