"""Mediation and arbitration through the services: the proposal and its answer, what the body sees, its
sessions, a settlement and an award, the platform's execution, and the time limit's overdue mark."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import Notification
from audit.models import AuditEntry
from cases.models import CaseClosure, CaseStatus
from cases.selectors import cases_visible_to
from cases.services.deadlines import deadlines_run
from complaints.models import ListingStatus
from disputes.models import DisputeBodyKind, ReferralStatus
from disputes.selectors import bodies_offered
from disputes.services.referrals import (
    award_execute,
    award_issue,
    body_session_record,
    referral_answer_complainant,
    referral_answer_respondent,
    referral_propose_complainant,
    referral_propose_respondent,
    settlement_record,
)
from enforcement.working_days import add_working_days
from tests.disputes.referrals import body_serving, referred, session_held, staff_of
from tests.factories import PlatformFactory, RegionFactory, UserFactory
from tests.platforms.lifecycle import decided_case
from webhooks.models import WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def platform():
    return PlatformFactory()


@pytest.fixture
def moderator(platform):
    return UserFactory(organisation=platform.organisation)


@pytest.fixture
def case(platform, moderator):
    taken_down = decided_case(platform, moderator, listings=2)
    assert taken_down.status == CaseStatus.NOTICE_FORWARDED
    return taken_down


@pytest.fixture
def complainant(case):
    return UserFactory(organisation=case.complaint.filed_by_org)


def test_bodies_offered_are_those_serving_the_cases_region_and_right(case) -> None:
    serving = body_serving(case)
    elsewhere = body_serving(case, name="Elsewhere centre")
    elsewhere.regions.set([RegionFactory()])
    other_right = body_serving(case, name="Patent centre")
    other_right.right_types = ["invention_patent"]
    other_right.save()
    province = RegionFactory()
    case.platform.region.parent = province
    case.platform.region.save()
    above = body_serving(case, name="Provincial commission")
    above.regions.set([province])

    offered = bodies_offered(case)

    assert {body.pk for body in offered} == {serving.pk, above.pk}


def test_respondent_proposes_the_complainant_accepts_and_the_body_sees_the_case(
    case, complainant, django_capture_on_commit_callbacks
) -> None:
    body = body_serving(case, days=20)
    staff = staff_of(body)
    WebhookEndpoint.objects.create(platform=case.platform, url="https://platform.example.test/hook")
    assert not cases_visible_to(staff).filter(pk=case.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        proposal = referral_propose_respondent(
            case_id=case.pk,
            name_given="Store owner",
            body_id=body.pk,
            measures="suspended",
            note="Genuine goods.",
        )
    assert not cases_visible_to(staff).filter(pk=case.pk).exists()
    # One open proposal per case: the complainant cannot make its own meanwhile.
    with pytest.raises(ValidationError) as refused:
        referral_propose_complainant(case_id=case.pk, actor=complainant, body_id=body.pk, measures="stand")
    with django_capture_on_commit_callbacks(execute=True):
        accepted = referral_answer_complainant(case_id=case.pk, actor=complainant, accept=True)

    case.refresh_from_db()
    assert refused.value.code == "transition_not_allowed"
    assert accepted.pk == proposal.pk and accepted.status == ReferralStatus.ACCEPTED
    assert case.status == CaseStatus.AT_DISPUTE_BODY
    assert case.deadline == accepted.deadline == add_working_days(timezone.localdate(), 20)
    # The agreement suspended the measures: the listings taken down are restored while the body works.
    assert set(case.listings.values_list("status", flat=True)) == {ListingStatus.RESTORED}
    assert list(cases_visible_to(staff).values_list("pk", flat=True)) == [case.pk]
    actions = list(AuditEntry.objects.filter(case_id=case.pk).values_list("action", flat=True))
    assert actions[-4:] == ["referral_proposed", "listing_restored", "listing_restored", "referral_accepted"]
    events = set(WebhookDelivery.objects.filter(case_id=case.pk).values_list("event_type", flat=True))
    assert {"case.referral_proposed", "case.referral_accepted"} <= events
    told = set(Notification.objects.filter(case_id=case.pk).values_list("organisation_id", flat=True))
    assert {case.complaint.filed_by_org_id, case.platform.organisation_id, body.organisation_id} <= told


def test_a_refused_proposal_needs_reasons_and_leaves_the_case_where_it_was(case, complainant) -> None:
    body = body_serving(case)
    referral_propose_complainant(case_id=case.pk, actor=complainant, body_id=body.pk, measures="stand")

    with pytest.raises(ValidationError) as no_reason:
        referral_answer_respondent(case_id=case.pk, name_given="Store owner", accept=False)
    refused = referral_answer_respondent(
        case_id=case.pk, name_given="Store owner", accept=False, reason="We prefer a court."
    )

    case.refresh_from_db()
    assert "reason" in no_reason.value.message_dict
    assert refused.status == ReferralStatus.REFUSED and refused.refusal_reason == "We prefer a court."
    assert case.status == CaseStatus.NOTICE_FORWARDED
    assert not cases_visible_to(staff_of(body)).filter(pk=case.pk).exists()


def test_a_party_cannot_answer_its_own_proposal_nor_propose_a_body_not_serving_the_case(
    case, complainant
) -> None:
    body = body_serving(case)
    foreign = body_serving(case, name="Far away")
    foreign.regions.set([RegionFactory()])

    with pytest.raises(ValidationError) as not_serving:
        referral_propose_complainant(case_id=case.pk, actor=complainant, body_id=foreign.pk, measures="stand")
    referral_propose_complainant(case_id=case.pk, actor=complainant, body_id=body.pk, measures="stand")

    with pytest.raises(ValidationError) as own:
        referral_answer_complainant(case_id=case.pk, actor=complainant, accept=True)

    assert "body" in not_serving.value.message_dict
    assert own.value.code == "transition_not_allowed"


def test_no_settlement_before_a_session_then_the_settlement_closes_the_case(
    case, complainant, django_capture_on_commit_callbacks
) -> None:
    body = body_serving(case)
    staff = staff_of(body)
    referred(case, body, complainant)
    body_session_record(
        case_id=case.pk, actor=staff, held_at=timezone.now() + timedelta(days=2), place="Room 3, Tianfu Road"
    )

    with pytest.raises(ValidationError) as too_early:
        settlement_record(case_id=case.pk, actor=staff, terms="The store removes the listings.")
    session_held(case, staff)
    with django_capture_on_commit_callbacks(execute=True):
        settled = settlement_record(case_id=case.pk, actor=staff, terms="The store removes the listings.")

    case.refresh_from_db()
    assert too_early.value.code == "conflict"
    assert settled.status == ReferralStatus.SETTLED and settled.sessions.count() == 2
    assert (case.status, case.closure, case.deadline) == (CaseStatus.CLOSED, CaseClosure.SETTLED, None)
    # Measures stood during the referral and the settlement keeps the listings as they are.
    assert set(case.listings.values_list("status", flat=True)) == {ListingStatus.TAKEN_DOWN}
    # Written in each recipient's language: read by the English subject every notification carries.
    told = {
        notification.organisation_id
        for notification in Notification.objects.filter(case_id=case.pk)
        if "settlement" in notification.translations["en"]["subject"]
    }
    assert {case.complaint.filed_by_org_id, case.platform.organisation_id} <= told
    with pytest.raises(ValidationError):
        referral_propose_complainant(case_id=case.pk, actor=complainant, body_id=body.pk, measures="stand")


def test_an_award_is_executed_by_the_platform_and_the_listings_change(case, complainant, moderator) -> None:
    body = body_serving(case, kind=DisputeBodyKind.ARBITRATION_COMMISSION)
    staff = staff_of(body)
    referred(case, body, complainant)
    session_held(case, staff)
    first, second = case.listings.order_by("pk")

    award_issue(
        case_id=case.pk,
        actor=staff,
        terms="The first listing infringes; the second does not.",
        measures={first.pk: "take_down", second.pk: "restore"},
    )
    case.refresh_from_db()
    waiting = (case.status, case.deadline)
    with pytest.raises(ValidationError) as not_the_body:
        award_execute(case_id=case.pk, actor=staff)
    executed = award_execute(case_id=case.pk, actor=moderator)

    case.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert waiting[0] == CaseStatus.AWAITING_AWARD_EXECUTION and waiting[1] is not None
    assert not_the_body.value.code == "forbidden"
    assert executed.status == ReferralStatus.EXECUTED and executed.executed_by == moderator
    assert (first.status, second.status) == (ListingStatus.TAKEN_DOWN, ListingStatus.RESTORED)
    assert (case.status, case.closure) == (CaseStatus.CLOSED, CaseClosure.AWARD_EXECUTED)
    actions = list(AuditEntry.objects.filter(case_id=case.pk).values_list("action", flat=True))
    assert actions[-3:] == ["award_issued", "listing_award_executed", "award_executed"]


def test_an_award_names_only_listings_of_the_case(case, complainant) -> None:
    body = body_serving(case, kind=DisputeBodyKind.ARBITRATION_COMMISSION)
    staff = staff_of(body)
    referred(case, body, complainant)
    session_held(case, staff)
    other = decided_case(case.platform, UserFactory(organisation=case.platform.organisation))

    with pytest.raises(ValidationError) as foreign:
        award_issue(
            case_id=case.pk,
            actor=staff,
            terms="Take it down.",
            measures={other.listings.get().pk: "take_down"},
        )

    assert "measures" in foreign.value.message_dict


def test_another_body_cannot_act_on_the_case(case, complainant) -> None:
    body = body_serving(case)
    referred(case, body, complainant)
    intruder = staff_of(body_serving(case, name="Another centre"))

    with pytest.raises(case.DoesNotExist):
        session_held(case, intruder)
    assert not cases_visible_to(intruder).filter(pk=case.pk).exists()


def test_the_deadline_job_marks_the_bodys_case_overdue_once(case, complainant) -> None:
    body = body_serving(case, days=5)
    referred(case, body, complainant)
    case.refresh_from_db()
    later = timezone.now() + timedelta(days=30)

    first = deadlines_run(now=later)
    again = deadlines_run(now=later)

    case.refresh_from_db()
    assert first["marked_overdue"] == 1 and again["marked_overdue"] == 0
    assert case.overdue_for == case.deadline and case.status == CaseStatus.AT_DISPUTE_BODY
