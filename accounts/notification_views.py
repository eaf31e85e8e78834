"""The in-app notifications page of the signed-in user's organisation."""

from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User
from accounts.notifications import notifications_for, notifications_mark_read


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    page_obj = Paginator(notifications_for(user=cast(User, request.user)), 50).get_page(
        request.GET.get("page")
    )
    # Each member reads the message in the language of their own interface.
    language = translation.get_language()
    shown = [(n, *n.in_language(language)) for n in page_obj.object_list]
    return render(
        request,
        "accounts/notifications.html",
        {"page_obj": page_obj, "notifications": shown, "query_without_page": ""},
    )


@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    notifications_mark_read(user=cast(User, request.user))
    return redirect("accounts:notifications")
