"""/api/: version 1 of the REST API, its OpenAPI schema and the interactive docs (assets served by the app)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from accounts.api import notifications
from accounts.api import views as accounts
from disputes.api import referrals
from disputes.api import views as reviews
from iprgov import api_token_page
from law_enforcement.api import views as law_enforcement
from office_console.api import case_records, cooperation, steps
from office_console.api import views as enforcement
from platform_console.api import steps as platform_steps
from platform_console.api import views as platforms
from portal.api import case_steps
from portal.api import views as complaints
from respondents.api import views as respondents
from webhooks.api import events
from webhooks.api import views as webhooks

v1 = [
    path("auth/token/", accounts.TokenObtainApi.as_view(), name="token_obtain"),
    path("auth/token/rotate/", accounts.TokenRotateApi.as_view(), name="token_rotate"),
    path("auth/tokens/", accounts.ApiTokenListCreateApi.as_view(), name="api_tokens"),
    path("auth/tokens/<int:pk>/", accounts.ApiTokenRevokeApi.as_view(), name="api_token_revoke"),
    path("rights/", complaints.RightListCreateApi.as_view(), name="right_list"),
    path("rights/<int:pk>/", complaints.RightDetailApi.as_view(), name="right_detail"),
    path("complaints/", complaints.ComplaintListCreateApi.as_view(), name="complaint_list"),
    path("complaints/<int:pk>/", complaints.ComplaintDetailApi.as_view(), name="complaint_detail"),
    path(
        "complaints/<int:pk>/listings/", complaints.ComplaintListingsApi.as_view(), name="complaint_listings"
    ),
    path(
        "complaints/<int:pk>/evidence/",
        complaints.ComplaintEvidenceAddApi.as_view(),
        name="complaint_evidence",
    ),
    path("complaints/<int:pk>/submit/", complaints.ComplaintSubmitApi.as_view(), name="complaint_submit"),
    path(
        "complaints/<int:pk>/withdraw/", complaints.ComplaintWithdrawApi.as_view(), name="complaint_withdraw"
    ),
    path(
        "complaints/<int:pk>/bulk-uploads/",
        complaints.BulkUploadCreateApi.as_view(),
        name="bulk_upload_create",
    ),
    path("bulk-uploads/<int:pk>/", complaints.BulkUploadDetailApi.as_view(), name="bulk_upload_detail"),
    path("bulk-uploads/<int:pk>/retry/", complaints.BulkUploadRetryApi.as_view(), name="bulk_upload_retry"),
    path(
        "bulk-uploads/<int:pk>/errors/",
        complaints.BulkUploadErrorListApi.as_view(),
        name="bulk_upload_errors",
    ),
    path(
        "bulk-uploads/<int:pk>/errors.csv",
        complaints.BulkUploadErrorCsvApi.as_view(),
        name="bulk_upload_errors_csv",
    ),
    path("cases/", enforcement.CaseListApi.as_view(), name="case_list"),
    path("cases/<int:pk>/", enforcement.CaseDetailApi.as_view(), name="case_detail"),
    path(
        "cases/<int:pk>/listing-decisions/",
        platforms.ListingDecisionCreateApi.as_view(),
        name="listing_decide",
    ),
    path("cases/<int:pk>/opinion/", enforcement.OpinionIssueApi.as_view(), name="opinion_issue"),
    path("cases/<int:pk>/reroute/", enforcement.CaseRerouteApi.as_view(), name="case_reroute"),
    path(
        "cases/<int:pk>/administrative-decision/",
        enforcement.AdministrativeDecisionIssueApi.as_view(),
        name="administrative_decision_issue",
    ),
    # Every party of a case
    path("cases/<int:pk>/history/", case_records.CaseHistoryApi.as_view(), name="case_history"),
    path("cases/<int:pk>/documents/", case_records.CaseDocumentsApi.as_view(), name="case_documents"),
    path("cases/<int:pk>/reviews/", reviews.CaseReviewListApi.as_view(), name="case_reviews"),
    path("evidence/<int:pk>/file/", case_steps.EvidenceFileApi.as_view(), name="evidence_file"),
    path(
        "counter-notice-evidence/<int:pk>/file/",
        platform_steps.CounterNoticeEvidenceFileApi.as_view(),
        name="counter_notice_evidence_file",
    ),
    path(
        "cases/<int:pk>/respondent-link/",
        case_records.RespondentLinkSendApi.as_view(),
        name="case_respondent_link",
    ),
    path(
        "cases/<int:pk>/filing-suspension/",
        case_records.FilingSuspendApi.as_view(),
        name="case_filing_suspend",
    ),
    # The complainant
    path(
        "cases/<int:pk>/information/",
        case_steps.InformationSupplyApi.as_view(),
        name="case_information_supply",
    ),
    path("cases/<int:pk>/follow-up/", case_steps.FollowUpApi.as_view(), name="case_follow_up"),
    path("cases/<int:pk>/withdraw/", case_steps.CaseWithdrawApi.as_view(), name="case_withdraw"),
    path("cases/<int:pk>/consent/", case_steps.ConsentAnswerApi.as_view(), name="case_consent"),
    path(
        "cases/<int:pk>/dispute-bodies/", referrals.DisputeBodyListApi.as_view(), name="case_dispute_bodies"
    ),
    path(
        "cases/<int:pk>/dispute-referrals/",
        referrals.DisputeReferralListApi.as_view(),
        name="case_dispute_referrals",
    ),
    path(
        "cases/<int:pk>/dispute-referrals/proposal/",
        referrals.ReferralProposeApi.as_view(),
        name="case_referral_propose",
    ),
    path(
        "cases/<int:pk>/dispute-referrals/answer/",
        referrals.ReferralAnswerApi.as_view(),
        name="case_referral_answer",
    ),
    # The dispute-resolution body a case was referred to
    path("cases/<int:pk>/body-sessions/", referrals.BodySessionApi.as_view(), name="case_body_sessions"),
    path("cases/<int:pk>/settlement/", referrals.SettlementApi.as_view(), name="case_settlement"),
    path("cases/<int:pk>/award/", referrals.AwardApi.as_view(), name="case_award"),
    path("cases/<int:pk>/review-request/", reviews.ReviewRequestApi.as_view(), name="case_review_request"),
    # The platform
    path(
        "cases/<int:pk>/information-requests/",
        platform_steps.InformationRequestApi.as_view(),
        name="case_information_request",
    ),
    path(
        "cases/<int:pk>/counter-notice/forward/",
        platform_steps.CounterNoticeForwardApi.as_view(),
        name="case_counter_notice_forward",
    ),
    path(
        "cases/counter-notices/forward/",
        platform_steps.CounterNoticesForwardBulkApi.as_view(),
        name="counter_notices_forward_bulk",
    ),
    path("cases/listing-decisions/", platform_steps.CasesDecideBulkApi.as_view(), name="cases_decide_bulk"),
    path(
        "cases/<int:pk>/execution-confirmation/",
        platform_steps.ExecutionConfirmApi.as_view(),
        name="case_execution_confirm",
    ),
    path("cases/<int:pk>/award-execution/", referrals.AwardExecuteApi.as_view(), name="case_award_execute"),
    path("cases/<int:pk>/review-answer/", reviews.ReviewAnswerApi.as_view(), name="case_review_answer"),
    path("stores/<int:pk>/", platform_steps.StoreDetailApi.as_view(), name="store_detail"),
    path("stores/<int:pk>/contact/", platform_steps.StoreContactApi.as_view(), name="store_contact"),
    # The office
    path("cases/<int:pk>/accept/", steps.CaseAcceptApi.as_view(), name="case_accept"),
    path("cases/<int:pk>/decline/", steps.CaseDeclineApi.as_view(), name="case_decline"),
    path("cases/<int:pk>/assignments/", steps.OfficialsAssignApi.as_view(), name="case_assign"),
    path("cases/<int:pk>/sessions/", steps.SessionScheduleApi.as_view(), name="case_sessions"),
    path(
        "cases/<int:pk>/mediation-result/",
        steps.MediationRecordApi.as_view(),
        name="case_mediation_result",
    ),
    path("cases/<int:pk>/transfers/", steps.TransferRequestApi.as_view(), name="case_transfer_request"),
    path(
        "cases/<int:pk>/assistance-requests/",
        steps.AssistanceRequestApi.as_view(),
        name="case_assistance_request",
    ),
    path("transfers/", cooperation.IncomingTransferListApi.as_view(), name="transfers_incoming"),
    path("transfers/<int:pk>/accept/", cooperation.TransferAcceptApi.as_view(), name="transfer_accept"),
    path("transfers/<int:pk>/decline/", cooperation.TransferDeclineApi.as_view(), name="transfer_decline"),
    path("assistance-requests/", cooperation.IncomingAssistanceListApi.as_view(), name="assistance_incoming"),
    path(
        "assistance-requests/<int:pk>/answer/",
        cooperation.AssistanceAnswerApi.as_view(),
        name="assistance_answer",
    ),
    path(
        "assistance-requests/<int:pk>/decline/",
        cooperation.AssistanceDeclineApi.as_view(),
        name="assistance_decline",
    ),
    # Referrals to law enforcement: the referring platform or office, and the authority
    path(
        "law-enforcement-authorities/",
        law_enforcement.AuthorityListApi.as_view(),
        name="law_enforcement_authorities",
    ),
    path(
        "law-enforcement-referrals/",
        law_enforcement.ReferralListCreateApi.as_view(),
        name="law_enforcement_referrals",
    ),
    path(
        "law-enforcement-referrals/<int:pk>/",
        law_enforcement.ReferralDetailApi.as_view(),
        name="law_enforcement_referral",
    ),
    path(
        "law-enforcement-referrals/<int:pk>/acknowledge/",
        law_enforcement.ReferralAcknowledgeApi.as_view(),
        name="law_enforcement_referral_acknowledge",
    ),
    path(
        "law-enforcement-referrals/<int:pk>/outcomes/",
        law_enforcement.ReferralOutcomeApi.as_view(),
        name="law_enforcement_referral_outcome",
    ),
    path(
        "law-enforcement-referrals/<int:pk>/clue-package/",
        law_enforcement.ReferralPackageApi.as_view(),
        name="law_enforcement_referral_package",
    ),
    path(
        "cases/<int:pk>/law-enforcement-referral/",
        law_enforcement.CaseReferralApi.as_view(),
        name="case_law_enforcement_referral",
    ),
    # The respondent, through its signed token
    path("respondent/<str:token>/", respondents.RespondentNoticeApi.as_view(), name="respondent_notice"),
    path(
        "respondent/<str:token>/counter-notice/",
        respondents.RespondentCounterNoticeApi.as_view(),
        name="respondent_counter_notice",
    ),
    path(
        "respondent/<str:token>/consent/",
        respondents.RespondentConsentApi.as_view(),
        name="respondent_consent",
    ),
    path(
        "respondent/<str:token>/dispute-bodies/",
        referrals.RespondentDisputeBodyListApi.as_view(),
        name="respondent_dispute_bodies",
    ),
    path(
        "respondent/<str:token>/dispute-referrals/proposal/",
        referrals.RespondentReferralProposeApi.as_view(),
        name="respondent_referral_propose",
    ),
    path(
        "respondent/<str:token>/dispute-referrals/answer/",
        referrals.RespondentReferralAnswerApi.as_view(),
        name="respondent_referral_answer",
    ),
    path(
        "respondent/<str:token>/reviews/",
        reviews.RespondentReviewListApi.as_view(),
        name="respondent_reviews",
    ),
    path(
        "respondent/<str:token>/review-request/",
        reviews.RespondentReviewRequestApi.as_view(),
        name="respondent_review_request",
    ),
    # Notifications and the events feed
    path("notifications/", notifications.NotificationListApi.as_view(), name="notifications"),
    path(
        "notifications/unread-count/",
        notifications.NotificationUnreadCountApi.as_view(),
        name="notifications_unread",
    ),
    path("notifications/read/", notifications.NotificationsReadApi.as_view(), name="notifications_read"),
    path("events/", events.EventListApi.as_view(), name="events"),
    path("webhooks/event-types/", events.EventTypeListApi.as_view(), name="webhook_event_types"),
    path("webhooks/endpoints/", webhooks.EndpointListCreateApi.as_view(), name="webhook_endpoints"),
    path(
        "webhooks/endpoints/<int:pk>/deliveries/",
        webhooks.DeliveryListApi.as_view(),
        name="webhook_deliveries",
    ),
    path("webhooks/deliveries/<int:pk>/replay/", webhooks.DeliveryReplayApi.as_view(), name="webhook_replay"),
]

app_name = "api"
urlpatterns = [
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("token/", api_token_page.token_page, name="token_page"),
    path("token/<int:pk>/revoke/", api_token_page.token_revoke, name="token_page_revoke"),
]
