"""/api/: version 1 of the REST API, its OpenAPI schema and the interactive docs (assets served by the app)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from accounts.api import views as accounts
from iprgov import api_token_page
from office_console.api import views as enforcement
from platform_console.api import views as platforms
from portal.api import views as complaints
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
