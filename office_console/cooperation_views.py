"""The office's requests to other offices: a page that follows them."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.permissions import office_required
from iprgov.http import acting_user, found_or_404
from office_console.outgoing import outgoing_requests as outgoing


@office_required
@require_GET
def outgoing_requests(request: HttpRequest) -> HttpResponse:
    return render(
        request, "enforcement/outgoing_requests.html", found_or_404(outgoing, user=acting_user(request))
    )
