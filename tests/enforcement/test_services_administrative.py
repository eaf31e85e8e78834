from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import Role
from audit.models import AuditEntry
from cases.models import (
    Case,
    CaseClosure,
    CaseSession,
    CaseStatus,
    HandlingMode,
    MediationResult,
    SessionKind,
)
from cases.services.administrative import (
    assignment_set,
    assignment_suggestion,
    case_accept,
    case_decline,
    execution_confirm,
    mediation_record,
    session_schedule,
)
from cases.services.consent import consent_answer_respondent
from cases.services.deadlines import deadlines_run
from cases.services.decisions import listing_decide
from cases.services.office_records import administrative_decision_issue
from platforms.models import DecisionAction
from tests.decisions import statement_of
from tests.enforcement.admin_helpers import routed_administrative_case
from tests.factories import CaseFactory, OfficeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(office):
    return UserFactory(organisation=office.organisation, organisation__role=Role.MANAGER)


def _consented(office) -> Case:
    case = routed_administrative_case(office=office)
    consent_answer_respondent(case_id=case.pk, consent=True, name="Store owner")
    case.refresh_from_db()
    return case


def _accepted(office, manager) -> Case:
    case = _consented(office)
    return case_accept(case_id=case.pk, actor=manager)


def _held(session: CaseSession) -> None:
    """The time passes: the session scheduled in the future has now started."""
    CaseSession.objects.filter(pk=session.pk).update(scheduled_for=timezone.now() - timedelta(minutes=1))


def test_a_manager_accepts_a_consented_case_and_the_office_has_its_handling_deadline(office, manager):
    case = _consented(office)

    case = case_accept(case_id=case.pk, actor=manager)

    assert case.status == CaseStatus.AWAITING_OFFICE_DECISION
    assert case.accepted_at is not None and case.deadline is not None and case.deadline > timezone.localdate()
    assert AuditEntry.objects.filter(case_id=case.pk, action="case_accepted", actor=manager).exists()


def test_an_official_who_is_not_a_manager_cannot_accept(office, office_user):
    case = _consented(office)

    with pytest.raises(ValidationError) as refused:
        case_accept(case_id=case.pk, actor=office_user)

    assert refused.value.messages == ["Only a manager of the office can do this."]


def test_accepting_before_both_parties_consented_is_refused(office, manager):
    case = routed_administrative_case(office=office)

    with pytest.raises(ValidationError) as refused:
        case_accept(case_id=case.pk, actor=manager)

    assert refused.value.messages == ["Only a case both parties consented to can be accepted."]


def test_declining_needs_reasons_and_falls_back_with_them(office, manager):
    case = _consented(office)
    with pytest.raises(ValidationError) as refused:
        case_decline(case_id=case.pk, actor=manager, reason="")
    assert "reason" in refused.value.message_dict

    case = case_decline(case_id=case.pk, actor=manager, reason="Outside our competence.")

    assert (case.mode, case.status) == (HandlingMode.PLATFORM, CaseStatus.AWAITING_PLATFORM)
    assert "Outside our competence." in case.fallback_reason


def test_another_office_cannot_accept(office, manager):
    case = _consented(office)
    other = OfficeFactory()
    other_manager = UserFactory(organisation=other.organisation, organisation__role=Role.MANAGER)

    with pytest.raises(Case.DoesNotExist):
        case_accept(case_id=case.pk, actor=other_manager)


def test_the_suggestion_is_the_official_with_the_fewest_open_cases(office, manager):
    busy = UserFactory(username="a-busy", organisation=office.organisation)
    free = UserFactory(username="b-free", organisation=office.organisation)
    for _ in range(2):
        case = _accepted(office, manager)
        assignment_set(case_id=case.pk, actor=manager, official_ids=[busy.pk, manager.pk])

    assert assignment_suggestion(office=office) == free


def test_assignment_is_for_managers_and_officials_of_the_office(office, manager, office_user):
    case = _accepted(office, manager)
    stranger = UserFactory(organisation=OfficeFactory().organisation)

    with pytest.raises(ValidationError):
        assignment_set(case_id=case.pk, actor=office_user, official_ids=[office_user.pk])
    with pytest.raises(ValidationError) as refused:
        assignment_set(case_id=case.pk, actor=manager, official_ids=[stranger.pk])
    assert "officials" in refused.value.message_dict

    created = assignment_set(case_id=case.pk, actor=manager, official_ids=[office_user.pk])
    again = assignment_set(case_id=case.pk, actor=manager, official_ids=[office_user.pk])

    assert [a.official for a in created] == [office_user] and again == []


def test_scheduling_needs_an_accepted_case_a_future_time_and_a_place(office, manager, office_user):
    consented = _consented(office)
    soon = timezone.now() + timedelta(days=3)
    with pytest.raises(ValidationError):
        session_schedule(
            case_id=consented.pk,
            actor=office_user,
            kind=SessionKind.HEARING,
            scheduled_for=soon,
            location="Room 1",
        )

    case = case_accept(case_id=consented.pk, actor=manager)
    with pytest.raises(ValidationError) as past:
        session_schedule(
            case_id=case.pk,
            actor=office_user,
            kind=SessionKind.HEARING,
            scheduled_for=timezone.now() - timedelta(hours=1),
            location="Room 1",
        )
    assert "scheduled_for" in past.value.message_dict

    session = session_schedule(
        case_id=case.pk, actor=office_user, kind=SessionKind.HEARING, scheduled_for=soon, location="Room 1"
    )
    assert AuditEntry.objects.filter(case_id=case.pk, action="hearing_scheduled").exists()
    assert session.kind == SessionKind.HEARING


def test_a_mediation_agreement_closes_the_case(office, manager, office_user):
    case = _accepted(office, manager)
    session = session_schedule(
        case_id=case.pk,
        actor=office_user,
        kind=SessionKind.MEDIATION,
        scheduled_for=timezone.now() + timedelta(days=2),
        location="Room 2",
    )
    _held(session)

    mediation_record(
        session_id=session.pk, actor=office_user, agreed=True, text="Seller removes the listings."
    )

    case.refresh_from_db()
    session.refresh_from_db()
    assert (case.status, case.closure) == (CaseStatus.CLOSED, CaseClosure.MEDIATED)
    assert (session.result, session.result_text) == (
        MediationResult.AGREEMENT,
        "Seller removes the listings.",
    )


def test_a_failed_mediation_leaves_the_case_for_the_decision_and_cannot_be_recorded_twice(
    office, manager, office_user
):
    case = _accepted(office, manager)
    session = session_schedule(
        case_id=case.pk,
        actor=office_user,
        kind=SessionKind.MEDIATION,
        scheduled_for=timezone.now() + timedelta(days=2),
        location="Room 2",
    )
    _held(session)

    mediation_record(session_id=session.pk, actor=office_user, agreed=False, text="No common ground.")

    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_OFFICE_DECISION
    with pytest.raises(ValidationError):
        mediation_record(session_id=session.pk, actor=office_user, agreed=True, text="Later agreement.")


def test_the_platform_executes_the_decision_and_confirms_and_the_case_closes(
    office, manager, office_user, platform
):
    case = _accepted(office, manager)
    administrative_decision_issue(
        case_id=case.pk,
        actor=office_user,
        infringement_established=True,
        reasoning="Counterfeit.",
        measures_ordered="Remove the listings.",
    )
    platform_user = UserFactory(organisation=case.platform.organisation)
    listing_decide(
        case_id=case.pk,
        listing_ids=list(case.listings.values_list("pk", flat=True)),
        actor=platform_user,
        action=DecisionAction.TAKE_DOWN,
        reason_code="counterfeit",
        statement=statement_of("Executing the office's decision that the listings infringe the mark."),
    )

    case = execution_confirm(case_id=case.pk, actor=platform_user, note="Done.")

    assert (case.status, case.closure) == (CaseStatus.CLOSED, CaseClosure.EXECUTED)
    assert AuditEntry.objects.filter(case_id=case.pk, action="execution_confirmed").exists()


def test_confirming_execution_before_the_platform_decided_is_refused(office, manager):
    case = _accepted(office, manager)
    platform_user = UserFactory(organisation=case.platform.organisation)

    with pytest.raises(ValidationError) as refused:
        execution_confirm(case_id=case.pk, actor=platform_user)

    assert refused.value.messages == ["Only an executed administrative decision can be confirmed."]


def test_an_overdue_opinion_is_escalated_once_to_the_managers(
    office, manager, mailoutbox, django_capture_on_commit_callbacks
):
    case = CaseFactory(
        mode=HandlingMode.ASSISTED,
        status=CaseStatus.AWAITING_OPINION,
        office=office,
        deadline=timezone.localdate() - timedelta(days=1),
    )

    with django_capture_on_commit_callbacks(execute=True):
        first = deadlines_run()
        second = deadlines_run()

    case.refresh_from_db()
    assert (first["opinions_escalated"], second["opinions_escalated"]) == (1, 0)
    assert case.escalated_at is not None
    # Managers are mailed once (in their language); the overdue mark goes to the office's contact address.
    assert [m.to for m in mailoutbox if manager.email in m.to] == [[manager.email]]
