from django.urls import path

from office_console import party_views

app_name = "parties"
urlpatterns = [
    path("<int:pk>/consent/", party_views.consent_answer, name="consent_answer"),
    path("<int:pk>/execution-confirm/", party_views.execution_confirm_view, name="execution_confirm"),
]
