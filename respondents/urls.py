from django.urls import path

from respondents import views

app_name = "respondents"
urlpatterns = [
    path("<str:token>/", views.case_notice, name="case"),
    path("<str:token>/consent/", views.consent_answer, name="consent"),
    path("<str:token>/evidence/<int:pk>/", views.evidence_download, name="evidence"),
]
