from django.urls import path

from documents import views

app_name = "documents"
urlpatterns = [
    path("verify/<str:code>/", views.verify, name="verify"),
    path("cases/<int:pk>/case-file/", views.case_file, name="case_file"),
    path("cases/<int:pk>/<str:kind>/", views.case_document, name="case_document"),
    path("respond/<str:token>/case-file/", views.respondent_case_file, name="respondent_case_file"),
    path("respond/<str:token>/<str:kind>/", views.respondent_document, name="respondent_document"),
]
