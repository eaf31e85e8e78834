"""Public transparency page and its JSON twin: aggregate counts, no login, no personal data."""

from dataclasses import asdict

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from audit.anchors import audit_anchors_published
from transparency.selectors import case_counts, routing_table


@require_safe
def page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "transparency/page.html",
        {"counts": case_counts(), "generated_at": timezone.now(), "anchors": audit_anchors_published()},
    )


@require_safe
def stats(request: HttpRequest) -> JsonResponse:
    anchors = [
        {"day": a.day.isoformat(), "chain_position": a.chain_position, "entry_hash": a.entry_hash}
        for a in audit_anchors_published()
    ]
    return JsonResponse(
        {"generated_at": timezone.now().isoformat(), **asdict(case_counts()), "audit_anchors": anchors}
    )


@require_safe
def routing_rules(request: HttpRequest) -> HttpResponse:
    """The published routing table: every complaint's cases are routed by it, automatically."""
    return render(request, "transparency/routing_rules.html", {"rules": routing_table()})
