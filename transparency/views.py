"""Public transparency pages: statistics from the daily figures (no login, no personal data), their JSON
and CSV, and the routing table."""

from dataclasses import asdict
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from aggregates.charts import bar_chart_svg
from aggregates.figures import Figure
from aggregates.forms import PeriodForm
from aggregates.report import COUNTS, DISPUTE_COUNTS, DISPUTE_RATES, GROUPINGS, RATES
from aggregates.selectors import Scope
from audit.anchors import audit_anchors_published
from iprgov.api_errors import error
from iprgov.csv_export import csv_stream
from transparency.selectors import routing_table
from transparency.statistics import DEFINITIONS, PublicRow, definitions_shown, public_statistics

SCHEMA = "iprgov-transparency-statistics/1"


def _scope(data: dict[str, Any]) -> Scope:
    return Scope(start=data["start"], end=data["end"], right_type=data["right_type"], mode=data["mode"])


def _query(data: dict[str, Any]) -> str:
    keep = {"start": data["start"], "end": data["end"], "by": data["by"], "trend": data["trend"]}
    keep.update({k: data[k] for k in ("right_type", "mode") if data[k]})
    return urlencode(keep)


@require_safe
def page(request: HttpRequest) -> HttpResponse:
    form = _valid(request)  # bound even when empty: the defaults are the last 30 days by platform
    context: dict[str, Any] = {
        "form": form,
        "generated_at": timezone.now(),
        "definitions": definitions_shown(),
        "anchors": audit_anchors_published(),
    }
    if not form.errors:
        data = form.cleaned_data
        stats = public_statistics(_scope(data), by=data["by"], trend=data["trend"])
        query = _query(data)
        trend_points = [
            (row.label, row.counts[Figure.CASES] if isinstance(row.counts[Figure.CASES], int) else 0)
            for row in stats["trend"]
        ]
        context.update(
            stats=stats,
            data=data,
            grouping=GROUPINGS[data["by"]],
            counts=[(figure.value, figure.label) for figure in COUNTS],
            rates=RATES,
            dispute_counts=DISPUTE_COUNTS,
            dispute_rates=DISPUTE_RATES,
            query=query,
            chart=bar_chart_svg(trend_points, title=str(Figure.CASES.label)),
            json_url=f"{reverse('transparency:stats')}?{query}",
            csv_url=f"{reverse('transparency:stats_csv')}?{query}",
        )
    return render(request, "transparency/page.html", context, status=200 if not form.errors else 400)


def _form_errors(form: PeriodForm) -> JsonResponse:
    errors = [
        error(None if field == "__all__" else field, e.code or "invalid", " ".join(e.messages))
        for field, field_errors in form.errors.as_data().items()
        for e in field_errors
    ]
    return JsonResponse({"errors": errors}, status=400, json_dumps_params={"ensure_ascii": False})


def _valid(request: HttpRequest) -> PeriodForm:
    form = PeriodForm(request.GET)
    form.is_valid()
    return form


@require_safe
def stats(request: HttpRequest) -> JsonResponse:
    """The statistics as JSON (docs/transparency.md gives the schema)."""
    form = _valid(request)
    if form.errors:
        return _form_errors(form)
    data = form.cleaned_data
    result = public_statistics(_scope(data), by=data["by"], trend=data["trend"])
    return JsonResponse(
        {
            "schema": SCHEMA,
            "generated_at": timezone.now().isoformat(),
            "period": {"start": data["start"].isoformat(), "end": data["end"].isoformat()},
            "filters": {"right_type": data["right_type"] or None, "mode": data["mode"] or None},
            "by": data["by"].removesuffix("_pk"),
            "trend_by": data["trend"],
            "definitions": {key: str(text) for key, text in DEFINITIONS.items()},
            "total": _json_row(result["total"]),
            "groups": [_json_row(row) for row in result["groups"]],
            "trend": [_json_row(row) for row in result["trend"]],
            "audit_anchors": [
                {"day": a.day.isoformat(), "chain_position": a.chain_position, "entry_hash": a.entry_hash}
                for a in audit_anchors_published()
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )


def _json_row(row: PublicRow) -> dict[str, Any]:
    body = asdict(row)
    body["key"] = row.label if not isinstance(row.key, str) else row.key
    return body


@require_safe
def stats_csv(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """The groups and the trend of the statistics as CSV: one line per group, a column per figure."""
    form = _valid(request)
    if form.errors:
        return _form_errors(form)
    data = form.cleaned_data
    result = public_statistics(_scope(data), by=data["by"], trend=data["trend"])
    header: list[object] = [
        "section",
        "group",
        *(f.value for f in COUNTS),
        *(name for name, _label in RATES),
        *(name for name, _label in (*DISPUTE_COUNTS, *DISPUTE_RATES)),
    ]

    def lines(section: str, rows: list[PublicRow]) -> list[list[object]]:
        return [
            [section, row.label, *row.counts.values(), *row.rates.values(), *row.disputes.values()]
            for row in rows
        ]

    rows: list[list[object]] = [
        header,
        *lines("total", [result["total"]]),
        *lines(data["by"].removesuffix("_pk"), result["groups"]),
        *lines(data["trend"], result["trend"]),
    ]
    response = StreamingHttpResponse(csv_stream(rows), content_type="text/csv; charset=utf-8")
    name = f"iprgov-statistics-{data['start'].isoformat()}-{data['end'].isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_safe
def routing_rules(request: HttpRequest) -> HttpResponse:
    """The published routing table: every complaint's cases are routed by it, automatically."""
    return render(request, "transparency/routing_rules.html", {"rules": routing_table()})
