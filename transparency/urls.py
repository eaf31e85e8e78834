from django.urls import path

from transparency import views

app_name = "transparency"
urlpatterns = [
    path("", views.page, name="page"),
    path("stats.json", views.stats, name="stats"),
    path("stats.csv", views.stats_csv, name="stats_csv"),
    path("routing-rules/", views.routing_rules, name="routing_rules"),
]
