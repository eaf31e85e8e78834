"""Browser pages of the rightsholder portal: complaints and cases, rights, filing, evidence downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.permissions import rightsholder_required
from cases.case_lists import DEFAULT_QUERY, BoundedPaginator, CaseListForm, case_list_context, kept_counts_for
from cases.models import CaseStatus, HandlingMode
from cases.parties import instruction_text
from cases.selectors import (
    case_list_for_rightsholder,
    case_page,
    cases_waiting_for_complainant,
    rightsholder_cases_counted,
)
from complaints import services
from complaints.models import Complaint, ComplaintStatus
from complaints.uploads import attachment_response
from iprgov.form_errors import add_service_error
from iprgov.http import acting_user, found_or_404
from iprgov.once import once_per_form
from portal import selectors
from portal.forms import IPRightForm
from programmes.bad_faith import bad_faith_steps_for_filer
from programmes.forms import ContestForm
from programmes.selectors import good_faith_standings_for_filer

PAGE_SIZE = 25
# The figures on the rightsholder's home cover the cases opened in one of these periods (days).
PERIODS = ("30", "90", "365")
DEFAULT_PERIOD = 90
WAITING_SHOWN = 50
LISTINGS_PAGE_SIZE = 100


def _complaint_or_404(request: HttpRequest, pk: int) -> Complaint:
    return found_or_404(selectors.complaint_get_for_holder, user=acting_user(request), complaint_id=pk)


@require_GET
@rightsholder_required
def home(request: HttpRequest) -> HttpResponse:
    """What waits for the organisation first, then its figures for a period, then its complaints and cases
    (newest first, each list paginated on its own)."""
    user = acting_user(request)
    period = int(request.GET["period"]) if request.GET.get("period") in PERIODS else DEFAULT_PERIOD
    waiting = [
        (case, instruction_text(case.status, case.deadline))
        for case in cases_waiting_for_complainant(user=user)[:WAITING_SHOWN]
    ]
    complaints = Paginator(selectors.complaint_list_for_holder(user=user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    kept = kept_counts_for(rightsholder_cases_counted(user=user), DEFAULT_QUERY)
    cases = BoundedPaginator(
        case_list_for_rightsholder(user=user), PAGE_SIZE, known=kept.count(DEFAULT_QUERY) if kept else None
    ).get_page(request.GET.get("cases_page"))
    # The shared pager writes "?<prefix>page=N". The complaints pager keeps the cases page in its prefix;
    # the cases pager keeps the complaints page and ends its prefix in "cases_", so it writes cases_page=N.
    return render(
        request,
        "complaints/home.html",
        {
            "waiting": waiting,
            "figures": selectors.holder_figures(user=user, days=period),
            "good_faith_standings": good_faith_standings_for_filer(user=user),
            "bad_faith_steps": bad_faith_steps_for_filer(user=user),
            "contest_form": ContestForm(),
            "periods": [int(days) for days in PERIODS],
            "complaints": complaints,
            "cases": cases,
            "complaints_query": urlencode({"cases_page": cases.number}) + "&",
            "cases_query": urlencode({"page": complaints.number}) + "&cases_",
        },
    )


@require_GET
@rightsholder_required
def right_list(request: HttpRequest) -> HttpResponse:
    """The organisation's registered rights and their verification status."""
    page_obj = Paginator(selectors.right_list_for_holder(user=acting_user(request)), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "complaints/right_list.html", {"page_obj": page_obj, "query_without_page": ""})


@require_GET
@rightsholder_required
def case_list(request: HttpRequest) -> HttpResponse:
    """Every case of the organisation's complaints, newest first, searched, filtered and sorted as asked;
    a value that is not understood is shown on its field and left out."""
    user = acting_user(request)
    form = CaseListForm(
        request.GET or None,
        modes=[("", _lazy("All modes")), *HandlingMode.choices],
        statuses=[("", _lazy("All statuses")), *CaseStatus.choices],
    )
    context = case_list_context(
        request.GET,
        form,
        lambda query: case_list_for_rightsholder(user=user, query=query),
        rightsholder_cases_counted(user=user),
    )
    return render(request, "complaints/case_list.html", context)


@require_http_methods(["GET", "POST"])
@rightsholder_required
def right_create(request: HttpRequest) -> HttpResponse:
    """Register a right with its certificate; it stays pending until an operator verifies it."""
    form = IPRightForm(request.POST or None, request.FILES or None, user=acting_user(request))
    if request.method == "POST" and form.is_valid():
        try:
            right = services.ip_right_register(actor=acting_user(request), **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _("%(right)s is registered. You can file complaints on it once an operator has verified it.")
                % {"right": right},
            )
            return redirect("complaints:right_list")
    return render(request, "complaints/right_form.html", {"form": form})


@require_GET
@rightsholder_required
def complaint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A complaint with its listings, evidence and cases; a draft can be submitted from here."""
    user = acting_user(request)
    complaint = _complaint_or_404(request, pk)
    listings = Paginator(selectors.complaint_listings(complaint=complaint), LISTINGS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "complaints/complaint_detail.html",
        {
            "complaint": complaint,
            "page_obj": listings,
            "query_without_page": "",
            "evidence": complaint.evidence.all(),
            "cases": case_list_for_rightsholder(user=user).filter(complaint=complaint),
            "is_draft": complaint.status == ComplaintStatus.DRAFT,
            "overlapping": selectors.complaints_overlapping(complaint=complaint),
            "stores": selectors.complaint_store_refs(complaint=complaint)
            if complaint.status == ComplaintStatus.DRAFT
            else [],
        },
    )


@require_POST
@rightsholder_required
@once_per_form
def complaint_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit a draft; what keeps it from submission is shown on the complaint's page."""
    complaint = _complaint_or_404(request, pk)
    try:
        services.complaint_submit(complaint_id=complaint.pk, actor=acting_user(request))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(complaint)s is submitted. It is being split into one case per store and routed.")
            % {"complaint": complaint},
        )
    return redirect("complaints:complaint_detail", pk=complaint.pk)


@require_GET
@rightsholder_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One case of the organisation's complaints as the rightsholder sees it."""
    page = found_or_404(case_page, user=acting_user(request), case_id=pk, pages=request.GET)
    return render(request, "complaints/case_detail.html", page)


@require_GET
@login_required
def evidence_download(request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
    """An evidence file as an attachment, to the complainant or a platform or office that sees its case."""
    evidence = found_or_404(selectors.evidence_get_for_user, user=acting_user(request), evidence_id=pk)
    return attachment_response(evidence.file, evidence.original_name)


# The files of a right that can be opened, by the name used in its URL.
RIGHT_FILES = {"certificate": _lazy("certificate"), "evaluation-report": _lazy("patent evaluation report")}


@require_GET
@login_required
def right_file(request: HttpRequest, pk: int, kind: str) -> HttpResponse | FileResponse:
    """A right's certificate or patent evaluation report, to its holder, to operators, and to a platform or
    an office that sees a case relying on it."""
    if kind not in RIGHT_FILES:
        raise Http404
    right = found_or_404(selectors.right_get_for_user, user=acting_user(request), right_id=pk)
    stored = right.certificate if kind == "certificate" else right.evaluation_report
    if not stored:
        raise Http404
    return attachment_response(stored, f"{RIGHT_FILES[kind]} {right.registration_number}")
