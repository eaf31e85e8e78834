"""Access matrix: every URL of the project, for every kind of visitor, with the status each must get.

The URL patterns are discovered from the resolver, so a new page or API endpoint cannot be forgotten:
`test_every_url_pattern_has_a_row` fails until the new pattern has a row in ROUTES.

How to add a row (one line per URL name, "namespace:name" as in `reverse()`):

    "platforms:store_detail": Row("platform", params={"pk": "store"}),
    "api:case-list":          Row("platform", api=True),                 # a list: each platform sees its own
    "api:case-detail":        Row("platform", params={"pk": "case"}, api=True),
    "complaints:withdraw":    Row("rightsholder", params={"pk": "complaint"}, get=405, post=True),

* audience: who may open it at all: "public" (everyone, anonymous included), "authenticated" (any
  signed-in user), or an organisation kind ("rightsholder", "platform", "office").
* params: URL parameter -> an object of organisation A's world (see `World.objects`: case, complaint,
  evidence, right, listing, store, platform, office, api_token). With params, only organisation A of the audience's
  kind (or the actors in `seen_by`) may see it; everyone else gets a 404. Without params the page is a
  list: every organisation of that kind gets `get`, and none but A's sees A's data.
* get: the status an allowed visitor gets for GET (405 for POST-only endpoints; 302 for redirects).
* post: also POST empty data. Allowed visitors must get a form error, a redirect, or an API answer
  (201/202/204/400/409, or 415 for the form body a JSON endpoint does not take), never a 500; the
  others a 404 (anonymous: the login redirect, or 401/403 on the API).
* api: anonymous visitors get 401/403 instead of a redirect to the login page.
* seen_by: for objects several organisations share (evidence: the complainant, the platform and the
  office of its case).

Responses to visitors outside organisation A's world must never contain A's marker strings.
"""

import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.models import Notification, OrgKind, SupervisingAuthority
from accounts.services_tokens import api_token_create
from cases.links import respondent_token
from cases.models import (
    AssistanceRequest,
    CaseOutcome,
    CaseStatus,
    CounterNotice,
    CounterNoticeEvidence,
    HandlingMode,
    Transfer,
)
from complaints.models import Authorisation, BulkUpload
from disputes.models import (
    DisputeBodyKind,
    DisputeReferral,
    DisputeResolutionBody,
    ReferralParty,
    ReferralStatus,
)
from documents.models import DocumentFile, DocumentKind, DocumentLanguage, OfficialDocument
from law_enforcement.models import OutcomeKind, Referral, ReferralOutcome
from law_enforcement.services.referrals import (
    referral_acknowledge,
    referral_make,
    referral_outcome_record,
)
from programmes.models import BadFaithStep, BadFaithStepKind, Gravity
from tests.factories import (
    PASSWORD,
    CaseFactory,
    ComplaintFactory,
    EvidenceFileFactory,
    IPRightFactory,
    LawEnforcementAuthorityFactory,
    OfficeFactory,
    OrganisationFactory,
    PlatformFactory,
    StoreFactory,
    UserFactory,
)
from webhooks.models import CaseEvent, WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db

MARKER = "LEAKCHECKq7z"  # in every text field of organisation A's objects that a page might show


@dataclass(frozen=True)
class Row:
    audience: str
    params: dict[str, str] = field(default_factory=dict)
    get: int = 200
    post: bool = False
    api: bool = False
    seen_by: tuple[str, ...] = ()
    # False only where the URL itself is the credential (the respondent's signed link): whoever holds
    # it sees the case, so the leak check does not apply; a tampered link is tested separately.
    leak_check: bool = True
    # Status for particular actors where it differs by design (e.g. a user with no organisation).
    overrides: dict[str, int] = field(default_factory=dict)


CASE_SEEN_BY = ("rightsholder_a", "platform_a", "office_a")
# What a supervising authority reads of a case in its regions (the API's case and the evidence), never writes.
CASE_READ_BY = (*CASE_SEEN_BY, "supervisor_a")
HANDLERS = ("platform_a", "office_a")
API_TOKEN_SEEN_BY = ("rightsholder_a",)
REFERRERS = ("platform_a", "platform_b", "office_a", "office_b")
REFERRAL_SEEN_BY = ("platform_a", "law_enforcement_a")  # a token is its owner's alone, not the organisation's

ROUTES: dict[str, Row] = {
    # Project and accounts
    "root": Row("public", get=302),
    "accounts:login": Row("public", post=True),
    "accounts:logout": Row("public", get=405, post=True),
    "accounts:home": Row("authenticated", get=302, overrides={"loner": 403}),
    "accounts:two_factor": Row("authenticated", post=True),
    "accounts:notifications": Row("authenticated"),
    "accounts:notifications_read": Row("authenticated", get=405, post=True),
    "set_language": Row("public", get=302, post=True),
    # Rightsholder portal
    "complaints:home": Row("rightsholder"),
    "complaints:right_list": Row("rightsholder"),
    "complaints:right_create": Row("rightsholder", post=True),
    "complaints:complaint_create": Row("rightsholder", post=True),
    "complaints:complaint_detail": Row("rightsholder", params={"pk": "complaint"}),
    "complaints:complaint_submit": Row("rightsholder", params={"pk": "complaint"}, get=405, post=True),
    "complaints:right_file": Row(
        "rightsholder", params={"pk": "right", "kind": "certificate_kind"}, seen_by=CASE_READ_BY
    ),
    "complaints:authorisation_list": Row("rightsholder"),
    "complaints:authorisation_create": Row("rightsholder", post=True),
    "complaints:authorisation_revoke": Row(
        "rightsholder", params={"pk": "authorisation"}, get=405, post=True
    ),
    "complaints:authorisation_letter": Row("rightsholder", params={"pk": "authorisation"}),
    "complaints:complaint_edit": Row("rightsholder", params={"pk": "complaint"}, get=302, post=True),
    "complaints:complaint_delete": Row("rightsholder", params={"pk": "complaint"}, get=405, post=True),
    "complaints:complaint_store_remove": Row("rightsholder", params={"pk": "complaint"}, get=405, post=True),
    "complaints:complaint_listing_remove": Row(
        "rightsholder", params={"pk": "complaint", "listing_id": "listing"}, get=405, post=True
    ),
    "complaints:complaint_evidence_remove": Row(
        "rightsholder", params={"pk": "complaint", "evidence_id": "evidence"}, get=405, post=True
    ),
    "complaints:case_list": Row("rightsholder"),
    "complaints:case_detail": Row("rightsholder", params={"pk": "case"}),
    "complaints:evidence_download": Row("authenticated", params={"pk": "evidence"}, seen_by=CASE_READ_BY),
    "complaints:bulk_upload": Row("rightsholder", params={"pk": "draft"}, post=True),
    "complaints:bulk_upload_progress": Row(
        "rightsholder", params={"pk": "draft", "upload_id": "bulk_upload"}
    ),
    "complaints:bulk_upload_errors": Row("rightsholder", params={"pk": "draft", "upload_id": "bulk_upload"}),
    "complaints:bulk_upload_retry": Row(
        "rightsholder", params={"pk": "draft", "upload_id": "bulk_upload"}, get=405, post=True
    ),
    "complaints:case_supply_information": Row("rightsholder", params={"pk": "case"}, get=405, post=True),
    "complaints:case_record_follow_up": Row("rightsholder", params={"pk": "case"}, get=405, post=True),
    "complaints:case_withdraw": Row("rightsholder", params={"pk": "case"}, get=405, post=True),
    # Platform console
    "platforms:queue": Row("platform"),
    "programmes:bad_faith_list": Row("platform"),
    "programmes:bad_faith_across_platforms": Row("supervisor"),
    "programmes:bad_faith_step_new": Row(
        "platform", params={"organisation_id": "bad_faith_filer"}, post=True
    ),
    "programmes:bad_faith_contest_decision": Row(
        "platform", params={"pk": "bad_faith_step"}, get=405, post=True
    ),
    "programmes:bad_faith_step_contest": Row(
        "rightsholder", params={"pk": "bad_faith_step"}, get=405, post=True
    ),
    "platforms:case_detail": Row("platform", params={"pk": "case"}),
    "platforms:case_respondent_link_send": Row("platform", params={"pk": "case"}, get=405, post=True),
    "platforms:case_decide": Row("platform", params={"pk": "case"}, get=405, post=True),
    "platforms:case_request_information": Row("platform", params={"pk": "case"}, get=405, post=True),
    "platforms:case_forward_counter_notice": Row("platform", params={"pk": "case"}, get=405, post=True),
    "platforms:complainant_suspend": Row("platform", params={"pk": "case"}, get=405, post=True),
    "platforms:cases_decide_bulk": Row("platform", post=True),
    "platforms:counter_notices_forward_bulk": Row("platform", get=405, post=True),
    "platforms:store_detail": Row("platform", params={"pk": "store"}, post=True),
    "platforms:counter_notice_evidence": Row(
        "authenticated", params={"pk": "counter_notice_evidence"}, seen_by=CASE_READ_BY
    ),
    "webhooks:endpoint_list": Row("platform", post=True),
    "webhooks:endpoint_detail": Row("platform", params={"pk": "webhook_endpoint"}),
    "webhooks:endpoint_update": Row("platform", params={"pk": "webhook_endpoint"}, get=405, post=True),
    "webhooks:delivery_replay": Row("platform", params={"pk": "webhook_delivery"}, get=405, post=True),
    # Respondents: the signed link is the credential (no account)
    "respondents:case": Row("public", params={"token": "respondent_token"}, post=True, leak_check=False),
    "respondents:consent": Row(
        "public", params={"token": "respondent_token"}, get=405, post=True, leak_check=False
    ),
    "disputes:respondent_review": Row(
        "public", params={"token": "respondent_token"}, get=405, post=True, leak_check=False
    ),
    "disputes:complainant_review": Row("rightsholder", params={"pk": "case"}, get=405, post=True),
    "disputes:review_answer": Row("platform", params={"pk": "case"}, get=405, post=True),
    # Mediation and arbitration: the parties propose and answer, the body works the case referred to it
    # (another of A's cases, accepted at A's body), the platform executes an award
    **{
        name: Row("public", params={"token": "respondent_token"}, get=405, post=True, leak_check=False)
        for name in ("disputes:respondent_referral_propose", "disputes:respondent_referral_answer")
    },
    **{
        name: Row("rightsholder", params={"pk": "case"}, get=405, post=True)
        for name in ("disputes:complainant_referral_propose", "disputes:complainant_referral_answer")
    },
    "disputes:case_detail": Row("dispute_body", params={"pk": "referred_case"}),
    **{
        name: Row("dispute_body", params={"pk": "referred_case"}, get=405, post=True)
        for name in ("disputes:body_session", "disputes:body_settlement", "disputes:body_award")
    },
    "disputes:award_execute": Row("platform", params={"pk": "case"}, get=405, post=True),
    "respondents:evidence": Row(
        "public", params={"token": "respondent_token", "pk": "evidence"}, get=200, leak_check=False
    ),
    # The parties' steps on an administrative case
    "parties:consent_answer": Row("rightsholder", params={"pk": "case"}, get=405, post=True),
    "parties:execution_confirm": Row("platform", params={"pk": "case"}, get=405, post=True),
    # Office console
    "enforcement:docket": Row("office"),
    "enforcement:case_detail": Row("office", params={"pk": "case"}),
    "enforcement:case_respondent_link_send": Row("office", params={"pk": "case"}, get=405, post=True),
    "enforcement:opinion_issue": Row("office", params={"pk": "case"}, get=405, post=True),
    "enforcement:decision_issue": Row("office", params={"pk": "case"}, get=405, post=True),
    "enforcement:complainant_suspend": Row("office", params={"pk": "case"}, get=405, post=True),
    "enforcement:dashboard": Row("office"),
    "enforcement:transfer_answer": Row("office", get=405, post=True),
    "enforcement:assistance_answer": Row("office", get=405, post=True),
    "enforcement:case_accept": Row("office", params={"pk": "case"}, get=405, post=True),
    "enforcement:case_decline": Row("office", params={"pk": "case"}, get=405, post=True),
    "enforcement:officials_assign": Row("office", params={"pk": "case"}, get=405, post=True),
    "enforcement:session_schedule": Row("office", params={"pk": "case"}, get=405, post=True),
    "enforcement:mediation_record": Row("office", params={"pk": "case"}, get=405, post=True),
    "enforcement:transfer_request": Row("office", params={"pk": "case"}, get=405, post=True),
    "enforcement:assistance_request": Row("office", params={"pk": "case"}, get=405, post=True),
    # Office B's own requests about A's case are B's to follow (the world's transfer and assistance request
    # were sent by B): the request text B wrote is shown to B, nothing else of the case.
    "enforcement:outgoing_requests": Row("office", leak_check=False),
    # A manager of the case's office re-routes; the empty form is refused before anything is asked of it.
    "enforcement:case_reroute": Row("office", params={"pk": "case"}, get=405, post=True),
    # Public
    # Official documents and case files (documents app); the verification page is public by design.
    # The supervising authority reads the documents and the case file of a case in its regions
    # (read-only: see test_the_supervising_authority_never_writes_through_what_it_reads).
    "documents:case_document": Row(
        "authenticated", params={"pk": "case", "kind": "document_kind"}, seen_by=CASE_READ_BY
    ),
    "documents:case_file": Row("authenticated", params={"pk": "case"}, seen_by=CASE_READ_BY),
    "documents:respondent_document": Row(
        "public", params={"token": "respondent_token", "kind": "document_kind"}, leak_check=False
    ),
    "documents:respondent_case_file": Row("public", params={"token": "respondent_token"}, leak_check=False),
    "documents:verify": Row("public", params={"code": "verification_code"}),
    "transparency:page": Row("public"),
    # Health endpoints for the load balancer and the orchestrator: no data, open to anyone.
    "health_live": Row("public"),
    "health_ready": Row("public"),
    # A signed-in person's own data (POST only: the export is audited).
    "records:my_data": Row("authenticated", get=405, post=True),
    "transparency:stats": Row("public"),
    "transparency:routing_rules": Row("public"),
    "transparency:stats_csv": Row("public"),
    "transparency:register": Row("public"),
    "transparency:register_json": Row("public"),
    "transparency:withhold": Row("rightsholder", params={"pk": "case"}, post=True),
    # Supervising authority (read-only); the cases behind a figure need the figure named (else a 400)
    "supervision:dashboard": Row("supervisor"),
    "disputes:console": Row("dispute_body"),
    # Referrals to law enforcement: A's platform referred A's case to A's authority
    "law_enforcement:console": Row("law_enforcement"),
    "law_enforcement:referral_list": Row("authenticated", seen_by=REFERRERS),
    "law_enforcement:referral_create": Row("authenticated", seen_by=REFERRERS, post=True),
    "law_enforcement:referral_detail": Row(
        "authenticated", params={"pk": "referral"}, seen_by=REFERRAL_SEEN_BY
    ),
    "law_enforcement:referral_package": Row(
        "authenticated", params={"pk": "referral"}, seen_by=REFERRAL_SEEN_BY
    ),
    "law_enforcement:outcome_file": Row(
        "authenticated", params={"pk": "referral", "outcome_pk": "referral_outcome"}, seen_by=REFERRAL_SEEN_BY
    ),
    **{
        f"law_enforcement:{name}": Row("law_enforcement", params={"pk": "referral"}, get=405, post=True)
        for name in ("acknowledge", "outcome_report")
    },
    "supervision:dashboard_csv": Row("supervisor"),
    "supervision:cases": Row("supervisor", get=400),
    "supervision:case_detail": Row("supervisor", params={"pk": "case"}),
    # REST API (/api/v1/) and its documentation
    "api:schema": Row("public"),
    "api:docs": Row("public"),
    "api:token_page": Row("authenticated", post=True),
    "api:token_obtain": Row("public", get=405, post=True, api=True),
    "api:token_rotate": Row("authenticated", get=405, post=True, api=True),
    "api:api_tokens": Row("authenticated", post=True, api=True),
    # DELETE revokes (tests/security/test_api_tokens.py); GET is 405 for anyone signed in.
    "api:api_token_revoke": Row(
        "authenticated", params={"pk": "api_token"}, seen_by=API_TOKEN_SEEN_BY, get=405, api=True
    ),
    "api:token_page_revoke": Row(
        "authenticated", params={"pk": "api_token"}, seen_by=API_TOKEN_SEEN_BY, get=405, post=True
    ),
    "api:right_list": Row("rightsholder", post=True, api=True),
    "api:right_detail": Row("rightsholder", params={"pk": "right"}, api=True),
    "api:complaint_list": Row("rightsholder", post=True, api=True),
    "api:complaint_detail": Row("rightsholder", params={"pk": "complaint"}, api=True),
    "api:complaint_listings": Row("rightsholder", params={"pk": "complaint"}, post=True, api=True),
    "api:complaint_evidence": Row("rightsholder", params={"pk": "complaint"}, get=405, post=True, api=True),
    "api:complaint_submit": Row("rightsholder", params={"pk": "complaint"}, get=405, post=True, api=True),
    "api:complaint_withdraw": Row("rightsholder", params={"pk": "complaint"}, get=405, post=True, api=True),
    "api:bulk_upload_create": Row("rightsholder", params={"pk": "draft"}, get=405, post=True, api=True),
    "api:bulk_upload_detail": Row("rightsholder", params={"pk": "bulk_upload"}, api=True),
    "api:bulk_upload_retry": Row("rightsholder", params={"pk": "bulk_upload"}, get=405, post=True, api=True),
    "api:bulk_upload_errors": Row("rightsholder", params={"pk": "bulk_upload"}, api=True),
    "api:bulk_upload_errors_csv": Row("rightsholder", params={"pk": "bulk_upload"}, api=True),
    "api:case_list": Row("authenticated", api=True),
    "api:case_detail": Row("authenticated", params={"pk": "case"}, seen_by=CASE_READ_BY, api=True),
    "api:case_reroute": Row("office", params={"pk": "case"}, get=405, post=True, api=True),
    "api:listing_decide": Row("platform", params={"pk": "case"}, get=405, post=True, api=True),
    "api:opinion_issue": Row("office", params={"pk": "case"}, get=405, post=True, api=True),
    "api:administrative_decision_issue": Row("office", params={"pk": "case"}, get=405, post=True, api=True),
    "api:webhook_endpoints": Row("platform", post=True, api=True),
    "api:webhook_deliveries": Row("platform", params={"pk": "webhook_endpoint"}, api=True),
    "api:webhook_replay": Row("platform", params={"pk": "webhook_delivery"}, get=405, post=True, api=True),
    # Every party of a case, and the supervising authority of its region (read-only, see
    # test_the_supervising_authority_never_writes_through_what_it_reads): its history, documents and
    # their files; the handlers' respondent link and suspension of filing
    "api:case_history": Row("authenticated", params={"pk": "case"}, seen_by=CASE_READ_BY, api=True),
    "api:case_documents": Row("authenticated", params={"pk": "case"}, seen_by=CASE_READ_BY, api=True),
    "api:evidence_file": Row("authenticated", params={"pk": "evidence"}, seen_by=CASE_READ_BY, api=True),
    "api:counter_notice_evidence_file": Row(
        "authenticated", params={"pk": "counter_notice_evidence"}, seen_by=CASE_READ_BY, api=True
    ),
    "api:case_reviews": Row("authenticated", params={"pk": "case"}, seen_by=CASE_READ_BY, api=True),
    **{
        name: Row("authenticated", params={"pk": "case"}, seen_by=HANDLERS, get=405, post=True, api=True)
        for name in ("api:case_respondent_link", "api:case_filing_suspend")
    },
    # The complainant's, the platform's and the office's steps on a case
    **{
        f"api:{name}": Row(kind, params={"pk": "case"}, get=405, post=True, api=True)
        for kind, names in (
            (
                "rightsholder",
                (
                    "case_information_supply",
                    "case_follow_up",
                    "case_withdraw",
                    "case_consent",
                    "case_referral_propose",
                    "case_referral_answer",
                    "case_review_request",
                ),
            ),
            (
                "platform",
                (
                    "case_information_request",
                    "case_counter_notice_forward",
                    "case_execution_confirm",
                    "case_award_execute",
                    "case_review_answer",
                ),
            ),
            (
                "office",
                (
                    "case_accept",
                    "case_decline",
                    "case_assign",
                    "case_sessions",
                    "case_mediation_result",
                    "case_transfer_request",
                    "case_assistance_request",
                ),
            ),
        )
        for name in names
    },
    "api:case_dispute_bodies": Row("rightsholder", params={"pk": "case"}, api=True),
    "api:case_dispute_referrals": Row("authenticated", params={"pk": "case"}, seen_by=CASE_READ_BY, api=True),
    **{
        f"api:{name}": Row("dispute_body", params={"pk": "referred_case"}, get=405, post=True, api=True)
        for name in ("case_body_sessions", "case_settlement", "case_award")
    },
    "api:counter_notices_forward_bulk": Row("platform", get=405, post=True, api=True),
    "api:cases_decide_bulk": Row("platform", get=405, post=True, api=True),
    "api:store_detail": Row("platform", params={"pk": "store"}, api=True),
    "api:store_contact": Row("platform", params={"pk": "store"}, get=405, post=True, api=True),
    # Cooperation: what other offices sent this office (a transfer and a request for assistance to A)
    "api:transfers_incoming": Row("office", api=True),
    "api:assistance_incoming": Row("office", api=True),
    **{
        f"api:{name}": Row("office", params={"pk": obj}, get=405, post=True, api=True)
        for obj, names in (
            ("transfer", ("transfer_accept", "transfer_decline")),
            ("assistance_request", ("assistance_answer", "assistance_decline")),
        )
        for name in names
    },
    # The respondent, through its signed token (the URL is the credential)
    "api:respondent_notice": Row("public", params={"token": "respondent_token"}, api=True, leak_check=False),
    "api:respondent_reviews": Row("public", params={"token": "respondent_token"}, api=True, leak_check=False),
    **{
        name: Row(
            "public", params={"token": "respondent_token"}, get=405, post=True, api=True, leak_check=False
        )
        for name in (
            "api:respondent_counter_notice",
            "api:respondent_consent",
            "api:respondent_referral_propose",
            "api:respondent_referral_answer",
            "api:respondent_review_request",
        )
    },
    "api:respondent_dispute_bodies": Row(
        "public", params={"token": "respondent_token"}, api=True, leak_check=False
    ),
    # Notifications and the events feed: the organisation's own
    "api:notifications": Row("authenticated", api=True),
    "api:notifications_unread": Row("authenticated", api=True),
    "api:notifications_read": Row("authenticated", get=405, post=True, api=True),
    "api:events": Row("authenticated", api=True),
    "api:webhook_event_types": Row("authenticated", api=True),
    # Referrals to law enforcement
    "api:law_enforcement_authorities": Row("authenticated", seen_by=REFERRERS, api=True),
    "api:law_enforcement_referrals": Row(
        "authenticated", seen_by=(*REFERRERS, "law_enforcement_a", "law_enforcement_b"), post=True, api=True
    ),
    **{
        name: Row("authenticated", params={"pk": "referral"}, seen_by=REFERRAL_SEEN_BY, api=True)
        for name in ("api:law_enforcement_referral", "api:law_enforcement_referral_package")
    },
    **{
        name: Row("law_enforcement", params={"pk": "referral"}, get=405, post=True, api=True)
        for name in ("api:law_enforcement_referral_acknowledge", "api:law_enforcement_referral_outcome")
    },
    "api:case_law_enforcement_referral": Row(
        "authenticated", params={"pk": "case"}, seen_by=HANDLERS, get=405, post=True, api=True
    ),
}

# Admin pages are the operators' (is_staff); tested separately below. Static files are not URL patterns.
SEPARATELY_TESTED_PREFIXES = ("admin/",)

ACTORS = ("anonymous", "loner", *(f"{kind}_{org}" for kind in OrgKind.values for org in "ab"))
LOGIN_PATH = "/accounts/login/"
COUNTS: Counter[str] = Counter()


@dataclass(frozen=True)
class Pattern:
    route: str
    name: str | None
    params: tuple[str, ...]


def discovered_patterns() -> Iterator[Pattern]:
    def walk(
        resolver: URLResolver, prefix: str, namespace: str, params: tuple[str, ...]
    ) -> Iterator[Pattern]:
        for entry in resolver.url_patterns:
            route = prefix + str(entry.pattern)
            names = params + tuple(entry.pattern.regex.groupindex)
            if isinstance(entry, URLResolver):
                inner = ":".join(part for part in (namespace, entry.namespace) if part)
                yield from walk(entry, route, inner, names)
            elif isinstance(entry, URLPattern):
                name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
                yield Pattern(route=route, name=name, params=names)

    yield from walk(get_resolver(), "", "", ())


def matrix_patterns() -> list[Pattern]:
    return [p for p in discovered_patterns() if not p.route.startswith(SEPARATELY_TESTED_PREFIXES)]


def test_every_url_pattern_has_a_row() -> None:
    patterns = matrix_patterns()

    unnamed = [p.route for p in patterns if not p.name]
    unmapped = sorted({p.name for p in patterns if p.name and p.name not in ROUTES})
    stale = sorted(set(ROUTES) - {p.name for p in patterns})

    assert not unnamed, f"URL patterns without a name cannot be checked; name them: {unnamed}"
    assert not unmapped, (
        f"URL patterns with no row in tests/security/test_access_matrix.py ROUTES: {unmapped}. "
        "Add a row saying who may open each (see the module docstring)."
    )
    assert not stale, f"ROUTES rows for URL names that no longer exist: {stale}"
    for p in patterns:
        assert p.name is not None  # every pattern is named (checked above)
        missing = set(p.params) - set(ROUTES[p.name].params) - {"format"}
        assert not missing, f"{p.name} ({p.route}): no object for URL parameters {sorted(missing)} in its row"


def _official_document(case: Any, issuer: Any) -> OfficialDocument:
    """An issued document of the case, stored as it would be (rendering one is tested in tests/documents)."""
    document = OfficialDocument.objects.create(
        case=case,
        kind=DocumentKind.OPINION,
        issuer=issuer,
        year=2026,
        sequence=1,
        number="matrix-2026-00001",
        issued_on=timezone.localdate(),
        verification_code="MATRIXCODE234567",
    )
    for language in DocumentLanguage.values:
        pdf = f"%PDF-1.4 matrix {language}".encode()
        DocumentFile.objects.create(
            document=document,
            language=language,
            file=ContentFile(pdf, name=f"matrix-{language}.pdf"),  # its SHA-256 and size recorded on save
        )
    return document


class World:
    """Two organisations of each kind; A's rightsholder filed a complaint on A's platform, handled by A's office."""

    def __init__(self) -> None:
        self.orgs = {
            # Platforms and offices are a public directory (a complaint names its platform), rightsholders not.
            f"{kind}_{org}": OrganisationFactory(
                kind=kind,
                name=f"{kind} {org} {MARKER if (kind, org) == ('rightsholder', 'a') else ''}".strip(),
            )
            for kind in OrgKind.values
            for org in "ab"
        }
        self.platforms = {k: PlatformFactory(organisation=self.orgs[f"platform_{k}"]) for k in "ab"}
        self.offices = {
            k: OfficeFactory(organisation=self.orgs[f"office_{k}"], regions=[self.platforms[k].region])
            for k in "ab"
        }
        # A's supervising authority covers A's platform's region; B's covers none.
        SupervisingAuthority.objects.create(organisation=self.orgs["supervisor_a"]).regions.set(
            [self.platforms["a"].region]
        )
        SupervisingAuthority.objects.create(organisation=self.orgs["supervisor_b"])
        for k in "ab":
            DisputeResolutionBody.objects.create(
                organisation=self.orgs[f"dispute_body_{k}"],
                body_kind=DisputeBodyKind.MEDIATION_CENTRE,
                right_types=["trademark"],
                languages=["zh-hans"],
                time_limit_working_days=30,
            )
        self.users = {
            name: UserFactory(username=f"matrix-{name}", organisation=org) for name, org in self.orgs.items()
        }
        for k in "ab":
            LawEnforcementAuthorityFactory(
                organisation=self.orgs[f"law_enforcement_{k}"], regions=[self.platforms[k].region]
            )
        self.users["loner"] = UserFactory(username="matrix-loner")
        holder = self.orgs["rightsholder_a"]
        right = IPRightFactory(owner_org=holder, title=f"Mark {MARKER}", registration_number=f"TM-{MARKER}")
        complaint = ComplaintFactory(
            right=right,
            filed_by=self.users["rightsholder_a"],
            platform=self.platforms["a"],
            status="submitted",
            description=f"Complaint {MARKER}",
        )
        store = StoreFactory(platform=self.platforms["a"], name=f"Store {MARKER}", external_id=f"s-{MARKER}")
        case = CaseFactory(
            complaint=complaint,
            store=store,
            status=CaseStatus.AWAITING_OPINION,
            mode=HandlingMode.ASSISTED,
            office=self.offices["a"],
            routing_reason=f"Routed {MARKER}",
        )
        draft = ComplaintFactory(
            right=right,
            filed_by=self.users["rightsholder_a"],
            platform=self.platforms["a"],
            description=f"Draft {MARKER}",
        )
        endpoint = WebhookEndpoint.objects.create(
            platform=self.platforms["a"], url="https://hooks.example.test/a", description=f"Hook {MARKER}"
        )
        counter_notice = CounterNotice.objects.create(
            case=case,
            respondent_name=f"Seller {MARKER}",
            contact_email="seller@example.test",
            statement=f"Not infringing {MARKER}",
            declaration=True,
        )
        # Another of A's cases, decided and taken by both parties to A's dispute-resolution body.
        # A complaint and a right of its own: the body reads the evidence and the right certificate of the
        # case referred to it, which must not be those the other rows check.
        referred_case = CaseFactory(
            complaint=ComplaintFactory(
                right=IPRightFactory(owner_org=holder),
                filed_by=self.users["rightsholder_a"],
                platform=self.platforms["a"],
                status="submitted",
            ),
            store=StoreFactory(platform=self.platforms["a"]),
            status=CaseStatus.AT_DISPUTE_BODY,
            mode=HandlingMode.PLATFORM,
            decided_at=timezone.now(),
        )
        DisputeReferral.objects.create(
            case=referred_case,
            body=self.orgs["dispute_body_a"].dispute_body,
            proposed_by=ReferralParty.COMPLAINANT,
            status=ReferralStatus.ACCEPTED,
            accepted_at=timezone.now(),
        )
        self.objects: dict[str, Any] = {
            "case": case,
            "referred_case": referred_case,
            "complaint": complaint,
            "evidence": EvidenceFileFactory(complaint=complaint, original_name=f"{MARKER}.pdf"),
            "right": right,
            "certificate_kind": "certificate",
            "authorisation": Authorisation.objects.create(
                agency=right.owner_org,
                principal_name=f"Principal {MARKER}",
                letter=ContentFile(b"%PDF-1.4 letter", name="letter.pdf"),
                valid_from=right.valid_from,
                valid_until=right.valid_until,
            ),
            "listing": case.listings.get(),
            "store": store,
            "platform": self.platforms["a"],
            "office": self.offices["a"],
            "draft": draft,
            "bulk_upload": BulkUpload.objects.create(
                complaint=draft,
                uploaded_by=self.users["rightsholder_a"],
                file=ContentFile(b"a,b\n", name="l.csv"),
                original_name=f"{MARKER}.csv",
                file_format="csv",
                sha256="0" * 64,
            ),
            "webhook_endpoint": endpoint,
            "webhook_delivery": WebhookDelivery.objects.create(
                endpoint=endpoint,
                event_id=uuid.uuid4(),
                event_type="case.routed",
                case_id=case.pk,
                payload={"note": MARKER},
            ),
            "counter_notice_evidence": CounterNoticeEvidence.objects.create(
                counter_notice=counter_notice,
                file=ContentFile(b"%PDF-1.4 x", name="cn.pdf"),
                original_name=f"{MARKER}.pdf",
            ),
            "respondent_token": respondent_token(case),
            "document_kind": DocumentKind.OPINION,
            "verification_code": _official_document(case, self.orgs["office_a"]).verification_code,
            # Sent by office B to office A (the receiving office answers), about A's case.
            "transfer": Transfer.objects.create(
                case=case,
                from_office=self.offices["b"],
                to_office=self.offices["a"],
                reason=f"Transfer {MARKER}",
                requested_by=self.users["office_b"],
            ),
            "assistance_request": AssistanceRequest.objects.create(
                case=case,
                from_office=self.offices["b"],
                to_office=self.offices["a"],
                request=f"Assist {MARKER}",
                due_on=right.valid_until,
                requested_by=self.users["office_b"],
            ),
            "case_event": CaseEvent.objects.create(
                event_id=uuid.uuid4(), event_type="case.routed", case_id=case.pk, payload={"note": MARKER}
            ),
            "notification": Notification.objects.create(organisation=holder, subject=f"Told {MARKER}"),
            "api_token": api_token_create(user=self.users["rightsholder_a"], name=f"Token {MARKER}").token,
            "bad_faith_filer": holder,
            "bad_faith_step": self._bad_faith_step(complaint),
        }
        self.objects["referral"], self.objects["referral_outcome"] = self._referral(case)

    def _bad_faith_step(self, complaint: Any) -> BadFaithStep:
        """A warning of A's rightsholder on A's platform, for a rejected case decided there."""
        rejected = CaseFactory(
            complaint=complaint,
            store=StoreFactory(platform=self.platforms["a"]),
            status=CaseStatus.CLOSED,
            mode=HandlingMode.PLATFORM,
            outcome=CaseOutcome.NOT_UPHELD,
            decided_at=timezone.now(),
        )
        step = BadFaithStep.objects.create(
            organisation=complaint.filed_by_org,
            platform=self.platforms["a"],
            kind=BadFaithStepKind.WARNING,
            unfounded=1,
            decided=1,
            gravity=Gravity.LOW,
            reasons=f"Reasons {MARKER}",
            decided_by=self.users["platform_a"],
        )
        step.evidence_cases.set([rejected])
        return step

    def _referral(self, case: Any) -> tuple[Referral, ReferralOutcome]:
        """A's platform refers A's case to A's authority, which acknowledges it and reports a seizure."""
        referral = referral_make(
            actor=self.users["platform_a"],
            authority_id=self.orgs["law_enforcement_a"].law_enforcement.pk,
            reason=f"Referred {MARKER}",
            case_ids=[case.pk],
        )
        referral_acknowledge(referral_id=referral.pk, actor=self.users["law_enforcement_a"])
        outcome = referral_outcome_record(
            referral_id=referral.pk,
            actor=self.users["law_enforcement_a"],
            kind=OutcomeKind.GOODS_SEIZED,
            note=f"Seized {MARKER}",
            file=SimpleUploadedFile("seizure.pdf", b"%PDF-1.4 seizure", content_type="application/pdf"),
        )
        return referral, outcome

    def client_for(self, actor: str) -> Client:
        client = Client()
        if actor != "anonymous":
            assert client.login(request=HttpRequest(), username=self.users[actor].username, password=PASSWORD)
        return client

    def url(self, name: str, row: Row) -> str:
        kwargs = {
            param: getattr(self.objects[obj], "pk", self.objects[obj]) for param, obj in row.params.items()
        }
        return reverse(name, kwargs=kwargs)


def allowed(actor: str, row: Row) -> bool:
    if row.audience == "public":
        return True
    if actor == "anonymous":
        return False
    if row.audience == "authenticated":
        return not row.seen_by or actor in row.seen_by
    if row.params:
        return actor in (row.seen_by or (f"{row.audience}_a",))
    return actor.startswith(f"{row.audience}_")


def in_world_a(actor: str) -> bool:
    return actor.endswith("_a")


def check(response: Any, actor: str, row: Row, method: str, url: str) -> None:
    status = response.status_code
    where = f"{method} {url} as {actor}"
    COUNTS[method] += 1
    assert status != 500, where
    if actor in row.overrides:
        assert status == row.overrides[actor], where
    elif row.audience != "public" and actor == "anonymous":
        if row.api:
            assert status in (401, 403), f"{where}: {status}"
        elif status == 302:
            assert response["Location"].startswith(LOGIN_PATH), f"{where}: to {response['Location']}"
        else:
            # A POST-only view answers 405 before asking who you are: the same for every object, no leak.
            assert status == 405 and row.get == 405 and method == "GET", f"{where}: {status}"
    elif method == "GET":
        if allowed(actor, row):
            assert status == row.get, f"{where}: {status}"
        else:
            assert status in ({404, 405} if row.get == 405 else {404}), f"{where}: {status}"
    elif allowed(actor, row):
        # A form error, a redirect, or for the API an accepted request, a conflict (e.g. already submitted)
        # or, once the caller is let through, a 415 for the form body a JSON endpoint does not take.
        assert status in (200, 201, 202, 204, 302, 400, 409) + ((415,) if row.api else ()), (
            f"{where}: {status}"
        )
    else:
        assert status == 404, f"{where}: {status}"
    if row.leak_check and not in_world_a(actor):
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert MARKER.encode() not in body, f"{where}: organisation A's data leaked"


@pytest.fixture
def world() -> World:
    return World()


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_each_visitor_gets_the_expected_status_and_nothing_of_another_organisation(
    world: World, name: str
) -> None:
    row = ROUTES[name]
    url = world.url(name, row)

    for actor in ACTORS:
        client = world.client_for(actor)
        check(client.get(url), actor, row, "GET", url)
        if row.post:
            check(world.client_for(actor).post(url, {}), actor, row, "POST", url)


SUPERVISOR_READS = sorted(name for name, row in ROUTES.items() if "supervisor_a" in row.seen_by)


@pytest.mark.parametrize("name", SUPERVISOR_READS)
def test_the_supervising_authority_never_writes_through_what_it_reads(world: World, name: str) -> None:
    row = ROUTES[name]
    url = world.url(name, row)
    client = world.client_for("supervisor_a")
    assert client.get(url).status_code == row.get, f"GET {url}"

    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(url, {}, content_type="application/json")
        COUNTS[method.upper()] += 1

        # Refused as a method these URLs do not take, or as a write the authority may not make.
        assert response.status_code in (403, 405), f"{method.upper()} {url}: {response.status_code}"


def test_a_tampered_or_foreign_respondent_link_shows_nothing(world: World) -> None:
    token = world.objects["respondent_token"]
    tampered = [token[:-2] + ("AA" if not token.endswith("AA") else "BB"), token.split(":")[0], "x" * 40]

    for bad in tampered:
        response = Client().get(reverse("respondents:case", args=[bad]))
        COUNTS["GET"] += 1
        assert response.status_code == 404, bad
        assert MARKER.encode() not in response.content


def test_the_admin_is_for_staff_only(world: World) -> None:
    urls = [p for p in discovered_patterns() if p.route.startswith("admin/") and not p.params]
    assert urls, "the admin is mounted under /admin/"
    for actor in ACTORS:
        if actor == "anonymous":
            continue
        client = world.client_for(actor)
        response = client.get(reverse("admin:index"))
        COUNTS["GET"] += 1
        assert response.status_code == 302 and "/admin/login/" in response["Location"], actor
        response = client.get(reverse("admin:cases_case_change", args=[world.objects["case"].pk]))
        COUNTS["GET"] += 1
        assert response.status_code == 302 and "/admin/login/" in response["Location"], actor


def test_print_matrix_figures() -> None:
    """Not an assertion: the number of requests tried, for docs/security.md (run with -s)."""
    print(
        f"\naccess matrix: {sum(COUNTS.values())} requests ({dict(COUNTS)}), {len(ROUTES)} URL names, "
        f"{len(ACTORS)} actors"
    )
