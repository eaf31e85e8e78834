from django.urls import path

from transparency import register_views, views

app_name = "transparency"
urlpatterns = [
    path("", views.page, name="page"),
    path("stats.json", views.stats, name="stats"),
    path("stats.csv", views.stats_csv, name="stats_csv"),
    path("routing-rules/", views.routing_rules, name="routing_rules"),
    path("register/", register_views.register, name="register"),
    path("register.json", register_views.register_json, name="register_json"),
    path("register/<int:pk>/withhold/", register_views.withhold, name="withhold"),
]
