"""The supervising authority's pages: the dashboard, its CSV, the cases behind a figure and a case,
all read-only."""

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from accounts.permissions import supervisor_required
from aggregates.charts import bar_chart_svg
from aggregates.figures import Figure
from aggregates.report import (
    COUNTS,
    DISPUTE_COUNTS,
    DISPUTE_RATES,
    OFFICE_COUNTS,
    OFFICE_RATES,
    RATES,
    ReportRow,
)
from cases.models import Case
from cases.selectors import case_page
from iprgov.csv_export import csv_stream
from iprgov.http import acting_user
from supervision.forms import DrillForm, SupervisionPeriodForm
from supervision.selectors import cases_behind, supervision_dashboard

CASES_PER_PAGE = 50


def _period_query(data: dict[str, Any]) -> dict[str, str]:
    query = {"start": data["start"].isoformat(), "end": data["end"].isoformat(), "trend": data["trend"]}
    query.update({k: data[k] for k in ("right_type", "mode") if data[k]})
    return query


@supervisor_required
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    form = SupervisionPeriodForm(request.GET)
    context: dict[str, Any] = {"form": form}
    if form.is_valid():
        data = form.cleaned_data
        board = supervision_dashboard(user=acting_user(request), data=data)
        query = _period_query(data)
        context.update(
            board=board,
            data=data,
            counts=COUNTS,
            rates=RATES,
            office_counts=OFFICE_COUNTS,
            office_rates=OFFICE_RATES,
            dispute_counts=DISPUTE_COUNTS,
            dispute_rates=DISPUTE_RATES,
            drill=f"{reverse('supervision:cases')}?{urlencode(query)}",
            csv_url=f"{reverse('supervision:dashboard_csv')}?{urlencode(query)}",
            chart=bar_chart_svg(
                [(row.label, row.figures.count(Figure.CASES)) for row in board["trend"]],
                title=str(Figure.CASES.label),
            ),
            decided_chart=bar_chart_svg(
                [(row.label, row.figures.count(Figure.DECIDED)) for row in board["trend"]],
                title=str(Figure.DECIDED.label),
            ),
        )
    return render(request, "supervision/dashboard.html", context, status=200 if form.is_valid() else 400)


@supervisor_required
@require_safe
def dashboard_csv(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    form = SupervisionPeriodForm(request.GET)
    if not form.is_valid():
        return render(request, "supervision/dashboard.html", {"form": form}, status=400)
    data = form.cleaned_data
    board = supervision_dashboard(user=acting_user(request), data=data)
    figures = [*(f.value for f in (*COUNTS, *OFFICE_COUNTS)), *(name for name, _label in DISPUTE_COUNTS)]
    rates = [name for name, _label in (*RATES, *OFFICE_RATES, *DISPUTE_RATES)]

    def lines(section: str, rows: list[ReportRow]) -> list[list[object]]:
        return [
            [section, row.label, *(row.figures.count(f) for f in figures), *(row.derived[r] for r in rates)]
            for row in rows
        ]

    rows: list[list[object]] = [
        ["section", "group", *figures, *rates],
        *lines("total", [board["total"]]),
        *lines("platform", board["platforms"]),
        *lines("office", board["offices"]),
        *lines(data["trend"], board["trend"]),
    ]
    response = StreamingHttpResponse(csv_stream(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="supervision-{data["start"].isoformat()}-{data["end"].isoformat()}.csv"'
    )
    return response


@supervisor_required
@require_safe
def case_list(request: HttpRequest) -> HttpResponse:
    """The cases behind one figure of the dashboard (a platform's or an office's, in the period)."""
    form = DrillForm(request.GET)
    if not form.is_valid():
        return render(request, "supervision/case_list.html", {"form": form}, status=400)
    data = form.cleaned_data
    cases = cases_behind(
        user=acting_user(request),
        figure=data["figure"],
        start=data["start"],
        end=data["end"],
        platform_pk=data["platform"],
        office_pk=data["office"],
    )
    page = Paginator(cases, CASES_PER_PAGE).get_page(request.GET.get("page"))
    labels = {f.value: f.label for f in Figure}
    return render(
        request,
        "supervision/case_list.html",
        {"form": form, "data": data, "page": page, "figure": labels.get(data["figure"], data["figure"])},
    )


@supervisor_required
@require_safe
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A case read-only: its parties, its steps and its history, and no action."""
    try:
        context = case_page(user=acting_user(request), case_id=pk)
    except Case.DoesNotExist as exc:
        raise Http404 from exc
    return render(request, "supervision/case_detail.html", context)
