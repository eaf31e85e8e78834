from django.urls import path

from portal import authorisation_views, bulk_views, case_actions, draft_views, views

app_name = "complaints"
urlpatterns = [
    path("", views.home, name="home"),
    path("rights/", views.right_list, name="right_list"),
    path("rights/new/", views.right_create, name="right_create"),
    path("rights/<int:pk>/<slug:kind>/", views.right_file, name="right_file"),
    path("authorisations/", authorisation_views.authorisation_list, name="authorisation_list"),
    path("authorisations/new/", authorisation_views.authorisation_create, name="authorisation_create"),
    path(
        "authorisations/<int:pk>/revoke/",
        authorisation_views.authorisation_withdraw,
        name="authorisation_revoke",
    ),
    path(
        "authorisations/<int:pk>/letter/",
        authorisation_views.authorisation_letter,
        name="authorisation_letter",
    ),
    path("complaints/new/", draft_views.complaint_create, name="complaint_create"),
    path("complaints/<int:pk>/", views.complaint_detail, name="complaint_detail"),
    path("complaints/<int:pk>/submit/", views.complaint_submit, name="complaint_submit"),
    path("complaints/<int:pk>/edit/", draft_views.complaint_edit, name="complaint_edit"),
    path("complaints/<int:pk>/delete/", draft_views.complaint_delete, name="complaint_delete"),
    path(
        "complaints/<int:pk>/listings/<int:listing_id>/remove/",
        draft_views.listing_remove,
        name="complaint_listing_remove",
    ),
    path("complaints/<int:pk>/stores/remove/", draft_views.store_remove, name="complaint_store_remove"),
    path(
        "complaints/<int:pk>/evidence/<int:evidence_id>/remove/",
        draft_views.evidence_remove,
        name="complaint_evidence_remove",
    ),
    path("complaints/<int:pk>/bulk/", bulk_views.bulk_upload, name="bulk_upload"),
    path(
        "complaints/<int:pk>/bulk/<int:upload_id>/progress/",
        bulk_views.bulk_upload_progress,
        name="bulk_upload_progress",
    ),
    path(
        "complaints/<int:pk>/bulk/<int:upload_id>/retry/",
        bulk_views.bulk_upload_retry,
        name="bulk_upload_retry",
    ),
    path(
        "complaints/<int:pk>/bulk/<int:upload_id>/errors.csv",
        bulk_views.bulk_upload_errors,
        name="bulk_upload_errors",
    ),
    path("cases/", views.case_list, name="case_list"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path(
        "cases/<int:pk>/supply-information/",
        case_actions.case_supply_information,
        name="case_supply_information",
    ),
    path("cases/<int:pk>/follow-up/", case_actions.case_record_follow_up, name="case_record_follow_up"),
    path("cases/<int:pk>/withdraw/", case_actions.case_withdraw, name="case_withdraw"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
]
