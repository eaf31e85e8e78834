from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import Notification
from audit.models import AuditEntry
from cases.models import CaseStatus, ConsentParty, ConsentStatus, HandlingMode
from cases.services.consent import (
    case_consent_fallback,
    consent_answer_complainant,
    consent_answer_respondent,
    consents_expire,
)
from cases.services.deadlines import deadlines_run
from complaints.models import RightType
from tests.enforcement.admin_helpers import routed_administrative_case
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _statuses(case) -> dict[str, str]:
    return dict(case.consents.values_list("party", "status"))


def test_routing_to_administrative_handling_asks_both_parties_and_counts_the_request_as_consent(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = routed_administrative_case(requested=True)

    assert (case.mode, case.status) == (HandlingMode.ADMINISTRATIVE, CaseStatus.AWAITING_CONSENT)
    assert _statuses(case) == {
        ConsentParty.COMPLAINANT: ConsentStatus.GIVEN,
        ConsentParty.RESPONDENT: ConsentStatus.PENDING,
    }
    assert all(c.due_on == case.deadline for c in case.consents.all())
    assert any("/respond/" in m.body and case.store.contact_email in m.to for m in mailoutbox)


def test_respondent_consent_completes_consent_and_the_case_awaits_the_office():
    case = routed_administrative_case(requested=True)

    consent_answer_respondent(case_id=case.pk, consent=True, name="Store owner")

    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_ACCEPTANCE
    assert case.deadline is not None and case.deadline > timezone.localdate()
    assert AuditEntry.objects.filter(case_id=case.pk, action="consent_complete").exists()
    assert case.office is not None
    assert Notification.objects.filter(organisation=case.office.organisation, case_id=case.pk).exists()


def test_a_complainant_not_asking_must_consent_in_the_portal_first():
    case = routed_administrative_case(requested=False)
    assert _statuses(case)[ConsentParty.COMPLAINANT] == ConsentStatus.PENDING

    consent_answer_respondent(case_id=case.pk, consent=True, name="Store owner")
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_CONSENT

    consent_answer_complainant(case_id=case.pk, actor=case.complaint.filed_by, consent=True)
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_ACCEPTANCE


def test_refused_consent_falls_back_to_the_platform_for_a_trademark_with_the_reason():
    case = routed_administrative_case(requested=True)

    consent_answer_respondent(
        case_id=case.pk, consent=False, name="Store owner", reason="I prefer the platform."
    )

    case.refresh_from_db()
    assert (case.mode, case.status) == (HandlingMode.PLATFORM, CaseStatus.AWAITING_PLATFORM)
    assert "I prefer the platform." in case.fallback_reason
    entry = AuditEntry.objects.get(case_id=case.pk, action="administrative_fallback")
    assert (entry.from_status, entry.to_status) == (CaseStatus.AWAITING_CONSENT, CaseStatus.AWAITING_PLATFORM)


def test_refused_consent_on_a_patent_falls_back_to_the_office_opinion():
    case = routed_administrative_case(requested=False, right_type=RightType.DESIGN_PATENT)

    consent_answer_complainant(
        case_id=case.pk, actor=case.complaint.filed_by, consent=False, reason="Too slow."
    )

    case.refresh_from_db()
    assert (case.mode, case.status) == (HandlingMode.ASSISTED, CaseStatus.AWAITING_OPINION)
    assert case.office is not None
    assert case.deadline == _working_days_from_today(case.office.opinion_deadline_days)


def _working_days_from_today(days: int) -> date:
    from enforcement.working_days import add_working_days

    return add_working_days(timezone.localdate(), days)


def test_a_refusal_needs_a_reason_and_changes_nothing_without_one():
    case = routed_administrative_case()

    with pytest.raises(ValidationError) as refused:
        consent_answer_respondent(case_id=case.pk, consent=False, name="Store owner", reason=" ")

    assert "reason" in refused.value.message_dict
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_CONSENT


def test_answering_twice_is_refused_in_words():
    case = routed_administrative_case()
    consent_answer_respondent(case_id=case.pk, consent=True, name="Store owner")

    with pytest.raises(ValidationError) as refused:
        consent_answer_respondent(
            case_id=case.pk, consent=False, name="Store owner", reason="Changed my mind"
        )

    assert refused.value.messages == ["Consent is not being asked on this case now."]


def test_another_rightsholder_cannot_answer_for_the_complainant():
    from cases.models import Case

    case = routed_administrative_case(requested=False)
    stranger = UserFactory(organisation=OrganisationFactory())

    with pytest.raises(Case.DoesNotExist):
        consent_answer_complainant(case_id=case.pk, actor=stranger, consent=True)


def test_expired_consent_falls_back_once_through_the_deadline_job():
    case = routed_administrative_case()
    later = timezone.now() + timedelta(days=30)

    first = deadlines_run(now=later)
    second = deadlines_run(now=later)

    case.refresh_from_db()
    assert (first["consents_expired"], second["consents_expired"]) == (1, 0)
    assert case.status == CaseStatus.AWAITING_PLATFORM
    assert _statuses(case)[ConsentParty.RESPONDENT] == ConsentStatus.EXPIRED
    assert "No consent in time" in case.fallback_reason


def test_consent_not_yet_due_does_not_expire():
    case = routed_administrative_case()

    assert consents_expire(case_id=case.pk, now=timezone.now()) is False
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_CONSENT


def test_case_consent_fallback_refuses_a_case_past_consent():
    case = routed_administrative_case()
    case_consent_fallback(case_id=case.pk, reason="Operator decision.")

    with pytest.raises(ValidationError):
        case_consent_fallback(case_id=case.pk, reason="Again.")
