"""Browser pages of the platform console: the case queue, a case and its per-listing decision."""

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User
from accounts.permissions import platform_required
from enforcement.models import Case
from enforcement.selectors import case_list_for_platform, case_page
from platforms.forms import ListingDecisionForm, QueueFilterForm
from platforms.services import DECIDABLE, listing_decide

QUEUE_PAGE_SIZE = 25


def _user(request: HttpRequest) -> User:
    # platform_required has already turned anonymous and other kinds of users away.
    return cast(User, request.user)


def _case_page_or_404(request: HttpRequest, pk: int) -> dict:
    try:
        return case_page(user=_user(request), case_id=pk)
    except Case.DoesNotExist as exc:
        raise Http404 from exc


def _decision_form(page: dict, data: QueryDict | None = None) -> ListingDecisionForm:
    return ListingDecisionForm(
        data, listings=page["listings"], opinion=page["opinion"], decision=page["decision"]
    )


def _render_case(request: HttpRequest, page: dict, form: ListingDecisionForm | None) -> HttpResponse:
    decidable = page["case"].status in DECIDABLE
    if form is None and decidable:
        form = _decision_form(page)
    return render(request, "platforms/case_detail.html", {**page, "form": form, "decidable": decidable})


@platform_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    """The cases on the user's platform, soonest deadline first, filtered by mode and status."""
    form = QueueFilterForm(request.GET or None)
    filters: dict = {}
    if form.is_bound:
        form.is_valid()  # a bad value is reported on the form and left out; cleaned_data keeps the valid ones
        filters = form.cleaned_data
    cases = case_list_for_platform(
        user=_user(request), mode=filters.get("mode", ""), status=filters.get("status", "")
    )
    page_obj = Paginator(cases, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "platforms/queue.html",
        {
            "form": form,
            "page_obj": page_obj,
            "cases": page_obj.object_list,
            "query_without_page": f"{query.urlencode()}&" if query else "",
            "today": timezone.localdate(),
        },
    )


@platform_required
@require_GET
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A case on the user's platform with the office's records and, while decidable, the decision form."""
    return _render_case(request, _case_page_or_404(request, pk), form=None)


@platform_required
@require_POST
def case_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Decide the chosen listings; the service's refusal is shown on the form, success returns to the case."""
    page = _case_page_or_404(request, pk)
    form = _decision_form(page, request.POST)
    if form.is_valid():
        try:
            decisions = listing_decide(
                case_id=pk,
                listing_ids=form.cleaned_data["listings"],
                actor=_user(request),
                action=form.cleaned_data["action"],
                reason_code=form.cleaned_data["reason_code"],
                statement=form.cleaned_data["statement"],
            )
        except ValidationError as exc:
            form.add_service_error(exc)
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
