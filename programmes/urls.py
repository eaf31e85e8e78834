from django.urls import path

from programmes import views

app_name = "programmes"
urlpatterns = [
    path("platform/bad-faith/", views.bad_faith_list, name="bad_faith_list"),
    path(
        "platform/bad-faith/filers/<int:organisation_id>/",
        views.bad_faith_step_new,
        name="bad_faith_step_new",
    ),
    path(
        "platform/bad-faith/steps/<int:pk>/decide-contest/",
        views.bad_faith_contest_decision,
        name="bad_faith_contest_decision",
    ),
    path(
        "portal/bad-faith/steps/<int:pk>/contest/",
        views.bad_faith_step_contest,
        name="bad_faith_step_contest",
    ),
    path("supervision/bad-faith/", views.bad_faith_across_platforms, name="bad_faith_across_platforms"),
]
