from django.urls import path

from transparency import views

app_name = "transparency"
urlpatterns = [
    path("", views.page, name="page"),
    path("stats.json", views.stats, name="stats"),
    path("routing-rules/", views.routing_rules, name="routing_rules"),
]
