from django.urls import path

from complaints import views

app_name = "complaints"
urlpatterns = [
    path("", views.home, name="home"),
    path("rights/", views.right_list, name="right_list"),
    path("rights/new/", views.right_create, name="right_create"),
    path("complaints/new/", views.complaint_create, name="complaint_create"),
    path("complaints/<int:pk>/", views.complaint_detail, name="complaint_detail"),
    path("complaints/<int:pk>/submit/", views.complaint_submit, name="complaint_submit"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
]
