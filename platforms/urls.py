from django.urls import path

from platforms import views

app_name = "platforms"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("cases/<int:pk>/decide/", views.case_decide, name="case_decide"),
]
