"""A small page where a signed-in user sees and rotates their API token."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.models import User
from accounts.services_tokens import token_for, token_rotate


@require_http_methods(["GET", "POST"])
@login_required
def token_page(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    if request.method == "POST":
        token_rotate(user=user)
        messages.success(request, _("A new token was made; the old one no longer works."))
        return redirect("api:token_page")
    response = render(request, "api/token.html", {"token": token_for(user=user)})
    response["Cache-Control"] = "private, no-store"
    return response
