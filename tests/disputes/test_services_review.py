"""Internal review of a platform's decision (DSA art. 20) through the services: who may ask, when, who may
answer, and what a reversal does to the listings, the case, its history and its events."""

import hashlib
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import Notification
from audit.models import AuditEntry
from cases.models import Case, CaseClosure, CaseOutcome, CaseStatus, ReviewOutcome, ReviewParty
from cases.services.review import review_decide, review_request_complainant, review_request_respondent
from complaints.models import ListingStatus
from complaints.uploads import checked_upload
from platforms.models import DecisionAction, ReasonCode
from tests.factories import PlatformFactory, UserFactory
from tests.platforms.lifecycle import decided_case
from webhooks.models import WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db

REASONS = "The goods are genuine: the invoice from the brand's distributor is attached."
ANSWER = "The invoice matches the batch numbers on the listing photos; the goods are genuine."


@pytest.fixture
def platform():
    return PlatformFactory()


@pytest.fixture
def first_moderator(platform):
    return UserFactory(organisation=platform.organisation)


@pytest.fixture
def second_moderator(platform):
    return UserFactory(organisation=platform.organisation)


def _taken_down(platform, staff) -> Case:
    case = decided_case(platform, staff)
    assert case.status == CaseStatus.NOTICE_FORWARDED
    return case


def test_respondent_asks_with_evidence_and_a_second_moderator_lifts_the_measure(
    platform, first_moderator, second_moderator, django_capture_on_commit_callbacks
) -> None:
    case = _taken_down(platform, first_moderator)
    WebhookEndpoint.objects.create(platform=platform, url="https://platform.example.test/hook")
    invoice = checked_upload(SimpleUploadedFile("invoice.pdf", b"%PDF-1.4 invoice", "application/pdf"))

    with django_capture_on_commit_callbacks(execute=True):
        review = review_request_respondent(
            case_id=case.pk, name_given="Store owner", reasons=REASONS, evidence=[invoice]
        )
    with django_capture_on_commit_callbacks(execute=True):
        review_decide(case_id=case.pk, actor=second_moderator, outcome=ReviewOutcome.REVERSED, answer=ANSWER)

    case.refresh_from_db()
    review.refresh_from_db()
    assert review.party == ReviewParty.RESPONDENT
    assert review.evidence.get().sha256 == hashlib.sha256(b"%PDF-1.4 invoice").hexdigest()
    assert set(case.listings.values_list("status", flat=True)) == {ListingStatus.RESTORED}
    assert (case.status, case.closure, case.outcome) == (
        CaseStatus.CLOSED,
        CaseClosure.REVIEW_REVERSED,
        CaseOutcome.NOT_UPHELD,
    )
    assert "mediation" in review.further_options and "court" in review.further_options
    actions = list(AuditEntry.objects.filter(case_id=case.pk).values_list("action", flat=True))
    assert actions[-3:] == ["review_requested", "listing_restored", "review_reversed"]
    events = list(WebhookDelivery.objects.filter(case_id=case.pk).values_list("event_type", flat=True))
    assert "case.review_requested" in events and "case.review_reversed" in events
    told = set(Notification.objects.filter(case_id=case.pk).values_list("organisation_id", flat=True))
    assert case.complaint.filed_by_org_id in told


def test_the_first_decider_cannot_answer_the_review(platform, first_moderator) -> None:
    case = _taken_down(platform, first_moderator)
    review_request_respondent(case_id=case.pk, name_given="Store owner", reasons=REASONS)

    with pytest.raises(ValidationError) as refused:
        review_decide(case_id=case.pk, actor=first_moderator, outcome=ReviewOutcome.REVERSED, answer=ANSWER)

    assert "another member of the platform's staff" in " ".join(refused.value.messages)
    case.refresh_from_db()
    assert case.reviews.get().is_pending
    assert set(case.listings.values_list("status", flat=True)) == {ListingStatus.TAKEN_DOWN}


def test_a_confirmed_decision_keeps_the_measure_and_the_case_running(
    platform, first_moderator, second_moderator
) -> None:
    case = _taken_down(platform, first_moderator)
    review_request_respondent(case_id=case.pk, name_given="Store owner", reasons=REASONS)

    review = review_decide(
        case_id=case.pk, actor=second_moderator, outcome=ReviewOutcome.CONFIRMED, answer=ANSWER
    )

    case.refresh_from_db()
    assert case.status == CaseStatus.NOTICE_FORWARDED
    assert set(case.listings.values_list("status", flat=True)) == {ListingStatus.TAKEN_DOWN}
    assert review.decided_by == second_moderator and review.further_options
    assert AuditEntry.objects.filter(case_id=case.pk, action="review_confirmed").count() == 1


def test_complainant_review_of_a_rejection_reversed_takes_the_listings_down(
    platform, first_moderator, second_moderator
) -> None:
    case = decided_case(platform, first_moderator, action=DecisionAction.REJECT)
    assert case.status == CaseStatus.CLOSED
    complainant = UserFactory(organisation=case.complaint.filed_by_org)
    review_request_complainant(case_id=case.pk, actor=complainant, reasons=REASONS)

    review_decide(
        case_id=case.pk,
        actor=second_moderator,
        outcome=ReviewOutcome.REVERSED,
        answer=ANSWER,
        reason_code=ReasonCode.COUNTERFEIT,
    )

    case.refresh_from_db()
    assert set(case.listings.values_list("status", flat=True)) == {ListingStatus.TAKEN_DOWN}
    decision = case.listing_decisions.order_by("-pk").first()
    assert decision is not None
    assert (decision.action, decision.decided_by, decision.statement) == (
        DecisionAction.TAKE_DOWN,
        second_moderator,
        ANSWER,
    )
    assert (case.closure, case.outcome) == (CaseClosure.REVIEW_REVERSED, CaseOutcome.UPHELD)


def test_reversing_a_rejection_needs_a_reason_for_the_measure(
    platform, first_moderator, second_moderator
) -> None:
    case = decided_case(platform, first_moderator, action=DecisionAction.REJECT)
    review_request_complainant(
        case_id=case.pk, actor=UserFactory(organisation=case.complaint.filed_by_org), reasons=REASONS
    )

    with pytest.raises(ValidationError) as refused:
        review_decide(case_id=case.pk, actor=second_moderator, outcome=ReviewOutcome.REVERSED, answer=ANSWER)

    assert "reason_code" in refused.value.message_dict
    assert set(case.listings.values_list("status", flat=True)) == {ListingStatus.REJECTED}


def test_each_party_may_only_contest_what_went_against_it(platform, first_moderator) -> None:
    taken_down = _taken_down(platform, first_moderator)
    rejected = decided_case(platform, first_moderator, action=DecisionAction.REJECT)

    with pytest.raises(ValidationError, match="no rejection to review"):
        review_request_complainant(
            case_id=taken_down.pk,
            actor=UserFactory(organisation=taken_down.complaint.filed_by_org),
            reasons=REASONS,
        )
    with pytest.raises(ValidationError, match="no measure to review"):
        review_request_respondent(case_id=rejected.pk, name_given="Store owner", reasons=REASONS)


def test_review_is_refused_after_the_review_period_and_while_one_is_pending(
    platform, first_moderator, settings
) -> None:
    case = _taken_down(platform, first_moderator)
    review_request_respondent(case_id=case.pk, name_given="Store owner", reasons=REASONS)

    with pytest.raises(ValidationError, match="already under way"):
        review_request_respondent(case_id=case.pk, name_given="Store owner", reasons=REASONS)

    late = _taken_down(platform, first_moderator)
    Case.objects.filter(pk=late.pk).update(
        decided_at=timezone.now() - timedelta(days=settings.IPRGOV_REVIEW_DAYS + 1)
    )
    with pytest.raises(ValidationError, match="that time has passed"):
        review_request_respondent(case_id=late.pk, name_given="Store owner", reasons=REASONS)


def test_review_asks_for_reasons_and_a_name(platform, first_moderator) -> None:
    case = _taken_down(platform, first_moderator)

    with pytest.raises(ValidationError) as no_reasons:
        review_request_respondent(case_id=case.pk, name_given="Store owner", reasons="  ")
    with pytest.raises(ValidationError) as no_name:
        review_request_respondent(case_id=case.pk, name_given="", reasons=REASONS)

    assert "reasons" in no_reasons.value.message_dict
    assert "name_given" in no_name.value.message_dict
    assert not case.reviews.exists()


def test_another_platform_cannot_answer_a_review(platform, first_moderator) -> None:
    case = _taken_down(platform, first_moderator)
    review_request_respondent(case_id=case.pk, name_given="Store owner", reasons=REASONS)
    outsider = UserFactory(organisation=PlatformFactory().organisation)

    with pytest.raises(Case.DoesNotExist):
        review_decide(case_id=case.pk, actor=outsider, outcome=ReviewOutcome.REVERSED, answer=ANSWER)
