from django.urls import path

from webhooks import views

app_name = "webhooks"
urlpatterns = [
    path("", views.endpoint_list, name="endpoint_list"),
    path("<int:pk>/", views.endpoint_detail, name="endpoint_detail"),
    path("<int:pk>/update/", views.endpoint_update, name="endpoint_update"),
    path("deliveries/<int:pk>/replay/", views.delivery_replay, name="delivery_replay"),
]
