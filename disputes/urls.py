from django.urls import path

from disputes import referral_views, views

app_name = "disputes"
urlpatterns = [
    path("", views.console, name="console"),
    path("respond/<str:token>/review/", views.review_request_by_respondent, name="respondent_review"),
    path("cases/<int:pk>/review/", views.review_request_by_complainant, name="complainant_review"),
    path("platform/cases/<int:pk>/review/answer/", views.review_answer, name="review_answer"),
    # Mediation and arbitration
    path(
        "cases/<int:pk>/referral/propose/",
        referral_views.complainant_referral_propose,
        name="complainant_referral_propose",
    ),
    path(
        "cases/<int:pk>/referral/answer/",
        referral_views.complainant_referral_answer,
        name="complainant_referral_answer",
    ),
    path(
        "respond/<str:token>/referral/propose/",
        referral_views.respondent_referral_propose,
        name="respondent_referral_propose",
    ),
    path(
        "respond/<str:token>/referral/answer/",
        referral_views.respondent_referral_answer,
        name="respondent_referral_answer",
    ),
    path("body/cases/<int:pk>/", referral_views.body_case_detail, name="case_detail"),
    path("body/cases/<int:pk>/sessions/", referral_views.body_session, name="body_session"),
    path("body/cases/<int:pk>/settlement/", referral_views.body_settlement, name="body_settlement"),
    path("body/cases/<int:pk>/award/", referral_views.body_award, name="body_award"),
    path("platform/cases/<int:pk>/award/execute/", referral_views.award_execution, name="award_execute"),
]
