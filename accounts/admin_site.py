"""The operators' admin, behind the same sign-in and second-factor policy as every other page."""

from urllib.parse import urlencode

from django.contrib import admin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.second_factor import second_factor_required, session_verified


class IprgovAdminSite(admin.AdminSite):
    site_header = _("iprgov administration")
    site_title = _("iprgov operators")
    index_title = _("Operators' administration")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        if not super().has_permission(request):
            return False
        return not second_factor_required(user) or session_verified(user)

    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        # The site's own login page takes the TOTP code and throttles failures; the admin has no second door.
        target = request.GET.get("next") or reverse("admin:index")
        return HttpResponseRedirect(f"{reverse('accounts:login')}?{urlencode({'next': target})}")
