from django.urls import path

from enforcement import bad_faith_views, views

app_name = "enforcement"
urlpatterns = [
    path("", views.docket, name="docket"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("cases/<int:pk>/opinion/", views.opinion_issue, name="opinion_issue"),
    path("cases/<int:pk>/decision/", views.decision_issue, name="decision_issue"),
    path("cases/<int:pk>/suspend-complainant/", bad_faith_views.complainant_suspend, name="complainant_suspend"),
]
