from django.contrib import admin
from django.shortcuts import redirect
from django.urls import include, path

from accounts.views import set_language

urlpatterns = [
    path("", lambda request: redirect("accounts:home"), name="root"),
    path("accounts/", include("accounts.urls")),
    path("", include("programmes.urls")),
    path("portal/", include("portal.urls")),
    path("platform/webhooks/", include("webhooks.urls")),
    path("platform/", include("platform_console.urls")),
    path("office/", include("office_console.urls")),
    path("cases/", include("office_console.party_urls")),
    path("transparency/", include("transparency.urls")),
    path("records/", include("records.urls")),
    path("supervision/", include("supervision.urls")),
    path("respond/", include("respondents.urls")),
    path("disputes/", include("disputes.urls")),
    path("law-enforcement/", include("law_enforcement.urls")),
    path("documents/", include("documents.urls")),
    # Before Django's own: also saves the choice in the signed-in user's profile.
    path("i18n/setlang/", set_language, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("iprgov.api_urls")),
    # Liveness and readiness for the load balancer and the orchestrator (no sign-in).
    path("", include("iprgov.health")),
]

# Under /api/ the API's JSON errors, elsewhere Django's own pages.
handler400 = "iprgov.error_handlers.bad_request"
handler403 = "iprgov.error_handlers.permission_denied"
handler404 = "iprgov.error_handlers.page_not_found"
handler500 = "iprgov.error_handlers.server_error"
