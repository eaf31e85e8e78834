from django.contrib import admin
from django.shortcuts import redirect
from django.urls import include, path

urlpatterns = [
    path("", lambda request: redirect("accounts:home"), name="root"),
    path("accounts/", include("accounts.urls")),
    path("portal/", include("complaints.urls")),
    path("platform/", include("platforms.urls")),
    path("office/", include("enforcement.urls")),
    path("transparency/", include("transparency.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
