"""The in-app notifications page of the signed-in user's organisation."""

from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User
from accounts.notifications import notifications_for, notifications_mark_read


@login_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    page_obj = Paginator(notifications_for(user=cast(User, request.user)), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "accounts/notifications.html",
        {"page_obj": page_obj, "notifications": page_obj.object_list, "query_without_page": ""},
    )


@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    notifications_mark_read(user=cast(User, request.user))
    return redirect("accounts:notifications")
