from django.urls import path

from law_enforcement import views

app_name = "law_enforcement"
urlpatterns = [
    path("", views.console, name="console"),
    path("referrals/", views.referral_list, name="referral_list"),
    path("referrals/new/", views.referral_create, name="referral_create"),
    path("referrals/<int:pk>/", views.referral_detail, name="referral_detail"),
    path("referrals/<int:pk>/clue-package/", views.referral_package, name="referral_package"),
    path("referrals/<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("referrals/<int:pk>/outcomes/", views.outcome_report, name="outcome_report"),
    path("referrals/<int:pk>/outcomes/<int:outcome_pk>/file/", views.outcome_file, name="outcome_file"),
]
