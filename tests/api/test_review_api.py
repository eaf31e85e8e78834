"""The internal review of a platform's decision through the API: the same services as the pages, the same
scope (404 outside it), 409 when the case refuses the step, and the steps in available_actions, the events
feed and the parties' notifications."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from accounts.models import OrgKind
from cases.links import respondent_token
from cases.models import CaseStatus, ReviewOutcome
from complaints.models import ListingStatus
from platforms.models import DecisionAction, ReasonCode
from tests.api.conftest import token_client
from tests.factories import OrganisationFactory, PlatformFactory, UserFactory
from tests.platforms.helpers import case_on
from tests.platforms.lifecycle import decided_case

pytestmark = pytest.mark.django_db

REASONS = "The goods are genuine: the invoice from the brand's distributor is attached."
ANSWER = "The invoice matches the batch numbers on the listing photos; the goods are genuine."


@pytest.fixture
def first_moderator(platform):
    return UserFactory(organisation=platform.organisation)


@pytest.fixture
def second(platform):
    return token_client(UserFactory(organisation=platform.organisation))


def _complainant(case) -> APIClient:
    return token_client(UserFactory(organisation=case.complaint.filed_by_org))


def _actions(client: APIClient, case) -> dict[str, str]:
    detail = client.get(f"/api/v1/cases/{case.pk}/")
    assert detail.status_code == 200, detail.content
    return {a["action"]: a["endpoint"] for a in detail.json()["available_actions"]}


def _invoice() -> SimpleUploadedFile:
    return SimpleUploadedFile("invoice.pdf", b"%PDF-1.4 invoice", "application/pdf")


def test_respondent_asks_on_its_link_and_a_second_moderator_lifts_the_measure(
    platform, first_moderator, second, django_capture_on_commit_callbacks
):
    case = decided_case(platform, first_moderator)
    token = respondent_token(case)
    holder = _complainant(case)

    with django_capture_on_commit_callbacks(execute=True):
        asked = APIClient().post(
            f"/api/v1/respondent/{token}/review-request/",
            {"name_given": "Store owner", "reasons": REASONS, "evidence": [_invoice()]},
            format="multipart",
        )
    offered = _actions(second, case)
    with django_capture_on_commit_callbacks(execute=True):
        answered = second.post(
            f"/api/v1/cases/{case.pk}/review-answer/",
            {"outcome": ReviewOutcome.REVERSED, "answer": ANSWER},
            format="json",
        )

    assert asked.status_code == 201, asked.content
    assert asked.json()["party"] == "respondent" and asked.json()["outcome"] == ""
    assert asked.json()["evidence"][0]["sha256"] == hashlib.sha256(b"%PDF-1.4 invoice").hexdigest()
    assert (
        offered["review_reversed"] == offered["review_confirmed"] == f"/api/v1/cases/{case.pk}/review-answer/"
    )
    assert answered.status_code == 200, answered.content
    assert (
        answered.json()["outcome"] == ReviewOutcome.REVERSED and "court" in answered.json()["further_options"]
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert set(case.listings.values_list("status", flat=True)) == {ListingStatus.RESTORED}
    seen_by_respondent = APIClient().get(f"/api/v1/respondent/{token}/reviews/").json()
    seen_by_holder = holder.get(f"/api/v1/cases/{case.pk}/reviews/").json()
    assert seen_by_respondent == seen_by_holder
    assert [r["answer"] for r in seen_by_holder] == [ANSWER]


def test_each_review_step_emits_its_event_and_notifies_the_parties(
    platform, first_moderator, second, django_capture_on_commit_callbacks
):
    case = decided_case(platform, first_moderator, action=DecisionAction.REJECT)
    holder = _complainant(case)

    with django_capture_on_commit_callbacks(execute=True):
        holder.post(f"/api/v1/cases/{case.pk}/review-request/", {"reasons": REASONS}, format="multipart")
    platform_told = [n["case_id"] for n in second.get("/api/v1/notifications/").json()["results"]]
    with django_capture_on_commit_callbacks(execute=True):
        second.post(
            f"/api/v1/cases/{case.pk}/review-answer/",
            {"outcome": ReviewOutcome.CONFIRMED, "answer": ANSWER},
            format="json",
        )

    events = [e["type"] for e in second.get("/api/v1/events/").json()["results"] if e["case_id"] == case.pk]
    assert events[-2:] == ["case.review_requested", "case.review_confirmed"]
    assert [e["type"] for e in holder.get("/api/v1/events/").json()["results"]][-1] == "case.review_confirmed"
    assert case.pk in platform_told
    holder_told = holder.get("/api/v1/notifications/").json()["results"]
    assert any(n["case_id"] == case.pk and "review" in n["subject"].lower() for n in holder_told), holder_told


def test_the_complainant_asks_with_evidence_and_the_reversal_takes_the_listings_down(
    platform, first_moderator, second
):
    case = decided_case(platform, first_moderator, action=DecisionAction.REJECT)
    holder = _complainant(case)
    before = _actions(holder, case)

    asked = holder.post(
        f"/api/v1/cases/{case.pk}/review-request/",
        {"reasons": REASONS, "evidence": [_invoice(), _invoice()]},
        format="multipart",
    )
    after = _actions(holder, case)
    answered = second.post(
        f"/api/v1/cases/{case.pk}/review-answer/",
        {"outcome": ReviewOutcome.REVERSED, "answer": ANSWER, "reason_code": ReasonCode.COUNTERFEIT},
        format="json",
    )

    assert before["review_requested"] == f"/api/v1/cases/{case.pk}/review-request/"
    assert asked.status_code == 201, asked.content
    assert [e["original_name"] for e in asked.json()["evidence"]] == ["invoice.pdf", "invoice.pdf"]
    assert "review_requested" not in after  # one review at a time
    assert answered.status_code == 200, answered.content
    assert set(case.listings.values_list("status", flat=True)) == {ListingStatus.TAKEN_DOWN}


def test_the_first_decider_is_offered_no_answer_and_is_refused_one(platform, first_moderator):
    case = decided_case(platform, first_moderator, action=DecisionAction.REJECT)
    _complainant(case).post(
        f"/api/v1/cases/{case.pk}/review-request/", {"reasons": REASONS}, format="multipart"
    )
    decider = token_client(first_moderator)

    offered = _actions(decider, case)
    refused = decider.post(
        f"/api/v1/cases/{case.pk}/review-answer/",
        {"outcome": ReviewOutcome.CONFIRMED, "answer": ANSWER},
        format="json",
    )

    assert "review_confirmed" not in offered and "review_reversed" not in offered
    assert refused.status_code == 403
    assert case.reviews.get().decided_at is None


def test_a_review_the_case_refuses_is_a_409_and_records_nothing(platform, first_moderator, second):
    undecided = case_on(platform)
    decided = decided_case(platform, first_moderator, action=DecisionAction.REJECT)
    holder = _complainant(undecided)

    no_decision = holder.post(
        f"/api/v1/cases/{undecided.pk}/review-request/", {"reasons": REASONS}, format="multipart"
    )
    no_measure = APIClient().post(
        f"/api/v1/respondent/{respondent_token(decided)}/review-request/",
        {"name_given": "Store owner", "reasons": REASONS},
        format="multipart",
    )
    nothing_pending = second.post(
        f"/api/v1/cases/{decided.pk}/review-answer/",
        {"outcome": ReviewOutcome.CONFIRMED, "answer": ANSWER},
        format="json",
    )

    for answer in (no_decision, no_measure, nothing_pending):
        assert answer.status_code == 409, answer.content
        assert answer.json()["errors"][0]["code"] == "transition_not_allowed"
    assert "review_requested" not in _actions(holder, undecided)
    assert not undecided.reviews.exists() and not decided.reviews.exists()


def test_reasons_are_required_next_to_their_field(platform, first_moderator):
    case = decided_case(platform, first_moderator, action=DecisionAction.REJECT)

    answer = _complainant(case).post(f"/api/v1/cases/{case.pk}/review-request/", {}, format="multipart")

    assert answer.status_code == 400
    assert answer.json()["errors"][0]["field"] == "reasons"


def test_reviews_outside_the_callers_scope_are_a_404(platform, first_moderator, second):
    case = decided_case(platform, first_moderator, action=DecisionAction.REJECT)
    stranger = token_client(UserFactory(organisation=OrganisationFactory(kind=OrgKind.RIGHTSHOLDER)))
    other_platform = token_client(UserFactory(organisation=PlatformFactory().organisation))

    assert stranger.get(f"/api/v1/cases/{case.pk}/reviews/").status_code == 404
    assert (
        stranger.post(
            f"/api/v1/cases/{case.pk}/review-request/", {"reasons": REASONS}, format="multipart"
        ).status_code
        == 404
    )
    assert (
        other_platform.post(
            f"/api/v1/cases/{case.pk}/review-answer/",
            {"outcome": "confirmed", "answer": ANSWER},
            format="json",
        ).status_code
        == 404
    )
    assert APIClient().get("/api/v1/respondent/not-a-token/reviews/").status_code == 404
    assert second.get(f"/api/v1/cases/{case.pk}/reviews/").json() == []
