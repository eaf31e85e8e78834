from django.urls import path

from disputes import views

app_name = "disputes"
urlpatterns = [
    path("", views.console, name="console"),
    path("respond/<str:token>/review/", views.review_request_by_respondent, name="respondent_review"),
    path("cases/<int:pk>/review/", views.review_request_by_complainant, name="complainant_review"),
    path("platform/cases/<int:pk>/review/answer/", views.review_answer, name="review_answer"),
]
