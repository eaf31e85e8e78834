from django.urls import path

from accounts.permissions import office_required
from iprgov.case_pages import respondent_link_resend
from office_console import administrative_views, bad_faith_views, cooperation_views, rerouting_views, views

app_name = "enforcement"
urlpatterns = [
    path("", views.docket, name="docket"),
    path("dashboard/", administrative_views.dashboard, name="dashboard"),
    path("requests/", cooperation_views.outgoing_requests, name="outgoing_requests"),
    path("transfers/answer/", administrative_views.transfer_answer, name="transfer_answer"),
    path("assistance/answer/", administrative_views.assistance_answer, name="assistance_answer"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path(
        "cases/<int:pk>/respondent-link/",
        office_required(respondent_link_resend),
        {"case_page": "enforcement:case_detail"},
        name="case_respondent_link_send",
    ),
    path("cases/<int:pk>/opinion/", views.opinion_issue, name="opinion_issue"),
    path("cases/<int:pk>/decision/", views.decision_issue, name="decision_issue"),
    path("cases/<int:pk>/accept/", administrative_views.case_accept, name="case_accept"),
    path("cases/<int:pk>/decline/", administrative_views.case_decline, name="case_decline"),
    path("cases/<int:pk>/assign/", administrative_views.officials_assign, name="officials_assign"),
    path("cases/<int:pk>/sessions/", administrative_views.session_schedule, name="session_schedule"),
    path("cases/<int:pk>/mediation/", administrative_views.mediation_record, name="mediation_record"),
    path("cases/<int:pk>/reroute/", rerouting_views.case_reroute_view, name="case_reroute"),
    path("cases/<int:pk>/transfer/", administrative_views.transfer_request, name="transfer_request"),
    path("cases/<int:pk>/assistance/", administrative_views.assistance_request, name="assistance_request"),
    path(
        "cases/<int:pk>/suspend-complainant/", bad_faith_views.complainant_suspend, name="complainant_suspend"
    ),
]
