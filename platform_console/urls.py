from django.urls import path

from accounts.permissions import platform_required
from iprgov.case_pages import respondent_link_resend
from platform_console import views

app_name = "platforms"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("cases/<int:pk>/decide/", views.case_decide, name="case_decide"),
    path(
        "cases/<int:pk>/request-information/", views.case_request_information, name="case_request_information"
    ),
    path(
        "cases/<int:pk>/forward-counter-notice/",
        views.case_forward_counter_notice,
        name="case_forward_counter_notice",
    ),
    path(
        "cases/<int:pk>/respondent-link/",
        platform_required(respondent_link_resend),
        {"case_page": "platforms:case_detail"},
        name="case_respondent_link_send",
    ),
    path("cases/<int:pk>/suspend-complainant/", views.complainant_suspend, name="complainant_suspend"),
    path("cases/decide/", views.cases_decide_bulk, name="cases_decide_bulk"),
    path(
        "cases/forward-counter-notices/",
        views.counter_notices_forward_bulk,
        name="counter_notices_forward_bulk",
    ),
    path("stores/<int:pk>/", views.store_detail, name="store_detail"),
    path(
        "counter-notice-evidence/<int:pk>/",
        views.counter_notice_evidence_download,
        name="counter_notice_evidence",
    ),
]
