"""Every move of the notice-and-takedown lifecycle, and every refusal, through the services."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import Notification
from audit.models import ActorKind, AuditEntry
from cases.models import (
    Case,
    CaseClosure,
    CaseOutcome,
    CaseStatus,
    CounterNotice,
    HandlingMode,
    InformationRequest,
)
from cases.services.decisions import information_request, information_supply
from cases.services.notice_and_takedown import (
    case_withdraw,
    counter_notice_file,
    counter_notice_forward,
    follow_up_record,
)
from complaints.models import ListingStatus
from enforcement.working_days import add_working_days
from iprgov.day_count import DayCount
from platforms.models import DecisionAction
from tests.decisions import statement_of
from tests.factories import CaseFactory, OrganisationFactory, UserFactory
from tests.platforms.helpers import case_on
from tests.platforms.lifecycle import counter_noticed_case, decided_case, window_open_case

pytestmark = pytest.mark.django_db


def _actions(case: Case) -> list[str]:
    return list(
        AuditEntry.objects.filter(case_id=case.pk, subject_type="case").values_list("action", flat=True)
    )


def _complainant(case: Case):
    return case.complaint.filed_by


# Decision -> notice forwarded / closed ----------------------------------------------------------------


def test_taking_measures_forwards_the_notice_and_emails_the_respondent_a_link(
    platform, platform_user, django_capture_on_commit_callbacks
):
    # when every listing of a platform case is taken down
    with django_capture_on_commit_callbacks(execute=True):
        case = decided_case(platform, platform_user)

    # then the case is decided and forwarded to the respondent, with a counter-notice deadline
    assert case.status == CaseStatus.NOTICE_FORWARDED
    assert case.notice_forwarded_at is not None
    assert case.deadline == add_working_days(timezone.localdate(), 10)
    assert _actions(case)[-2:] == ["case_decided", "notice_forwarded"]
    to_store = [m for m in mail.outbox if case.store.contact_email in m.to]
    assert len(to_store) == 1 and "/respond/" in to_store[0].body
    assert Notification.objects.filter(organisation=case.complaint.filed_by_org, case_id=case.pk).exists()


def test_rejecting_every_listing_closes_the_case(platform, platform_user):
    case = decided_case(platform, platform_user, action=DecisionAction.REJECT)

    assert (case.status, case.closure, case.outcome) == (
        CaseStatus.CLOSED,
        CaseClosure.REJECTED,
        CaseOutcome.NOT_UPHELD,
    )
    assert _actions(case)[-2:] == ["case_decided", "closed_rejected"]


def test_an_executed_administrative_decision_stays_decided(platform, platform_user):
    case = case_on(platform, status=CaseStatus.AWAITING_EXECUTION, mode=HandlingMode.ADMINISTRATIVE)
    from cases.services.decisions import listing_decide

    listing_decide(
        case_id=case.pk,
        listing_ids=[case.listings.get().pk],
        actor=platform_user,
        action=DecisionAction.TAKE_DOWN,
        reason_code="counterfeit",
        statement=statement_of("Executing the office's decision that the listing infringes the mark."),
    )

    case.refresh_from_db()
    assert case.status == CaseStatus.DECIDED


def test_a_decided_case_cannot_be_forwarded_again(platform, platform_user):
    case = decided_case(platform, platform_user)

    case.refresh_from_db()
    from django_fsm import TransitionNotAllowed

    with pytest.raises(TransitionNotAllowed):
        case.forward_notice()


# Information requested -------------------------------------------------------------------------------


def test_information_request_and_answer_return_the_case_to_the_platform(platform, platform_user):
    case = case_on(platform)

    request = information_request(
        case_id=case.pk, actor=platform_user, question="Send the test-purchase invoice."
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.INFORMATION_REQUESTED
    assert case.deadline == request.due_on == add_working_days(timezone.localdate(), 5)

    information_supply(
        case_id=case.pk, actor=_complainant(case), answer="Invoice 2024-117 attached to the complaint."
    )
    case.refresh_from_db()
    request.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_PLATFORM
    assert request.answered_at is not None and request.answer.startswith("Invoice")
    assert _actions(case)[-2:] == ["information_requested", "information_supplied"]


def test_information_cannot_be_requested_on_a_decided_case(platform, platform_user):
    case = decided_case(platform, platform_user)

    with pytest.raises(ValidationError) as excinfo:
        information_request(case_id=case.pk, actor=platform_user, question="More?")

    assert excinfo.value.code == "transition_not_allowed"
    assert "only be requested while the case awaits" in excinfo.value.messages[0]
    assert not InformationRequest.objects.exists()


def test_information_cannot_be_supplied_when_none_was_requested(platform):
    case = case_on(platform)

    with pytest.raises(ValidationError, match="No information is requested"):
        information_supply(case_id=case.pk, actor=_complainant(case), answer="Here it is.")


def test_another_rightsholder_cannot_supply_information(platform, platform_user, rightsholder_user):
    case = case_on(platform)
    information_request(case_id=case.pk, actor=platform_user, question="Invoice?")

    with pytest.raises(Case.DoesNotExist):
        information_supply(case_id=case.pk, actor=rightsholder_user, answer="Not mine.")


# Counter-notice --------------------------------------------------------------------------------------


def test_a_counter_notice_moves_the_case_to_the_platform(platform, platform_user):
    case = counter_noticed_case(platform, platform_user)

    notice = CounterNotice.objects.get(case=case)
    assert notice.declaration
    assert case.deadline == add_working_days(timezone.localdate(), 2)
    entry = AuditEntry.objects.filter(case_id=case.pk, action="counter_notice_received").get()
    assert (entry.actor_kind, entry.respondent_store, entry.name_given) == (
        ActorKind.RESPONDENT,
        case.store,
        "Store owner",
    )
    assert Notification.objects.filter(organisation=platform.organisation, case_id=case.pk).exists()


def test_a_counter_notice_without_declaration_is_refused(platform, platform_user):
    case = decided_case(platform, platform_user)

    with pytest.raises(ValidationError) as excinfo:
        counter_notice_file(
            case_id=case.pk,
            respondent_name="Owner",
            contact_email="o@example.test",
            statement="Genuine.",
            declaration=False,
        )

    assert "declaration" in excinfo.value.message_dict
    case.refresh_from_db()
    assert case.status == CaseStatus.NOTICE_FORWARDED


def test_a_second_counter_notice_is_refused(platform, platform_user):
    case = counter_noticed_case(platform, platform_user)

    with pytest.raises(ValidationError, match="can no longer be filed"):
        counter_notice_file(
            case_id=case.pk,
            respondent_name="Owner",
            contact_email="o@example.test",
            statement="Again.",
            declaration=True,
        )
    assert CounterNotice.objects.count() == 1


def test_forwarding_the_counter_notice_opens_the_platforms_window(platform, platform_user):
    # A platform that gives 7 working days in its own rules instead of the law's 15 calendar days
    platform.counter_notice_window_days = 7
    platform.counter_notice_window_counts = DayCount.WORKING
    platform.save()

    case = window_open_case(platform, platform_user)

    assert case.deadline == add_working_days(timezone.localdate(), 7)
    assert CounterNotice.objects.get(case=case).forwarded_at is not None
    assert Notification.objects.filter(organisation=case.complaint.filed_by_org, case_id=case.pk).count() >= 2


def test_there_is_nothing_to_forward_before_a_counter_notice(platform, platform_user):
    case = decided_case(platform, platform_user)

    with pytest.raises(ValidationError, match="no counter-notice to forward"):
        counter_notice_forward(case_id=case.pk, actor=platform_user)


def test_another_platform_cannot_forward_the_counter_notice(platform, platform_user):
    case = counter_noticed_case(platform, platform_user)
    other = UserFactory(organisation=OrganisationFactory(kind="platform"))

    with pytest.raises((Case.DoesNotExist, ValidationError)):
        counter_notice_forward(case_id=case.pk, actor=other)


# Window: follow-up filed ----------------------------------------------------------------------------


def test_showing_an_office_complaint_keeps_the_measures_and_links_the_case(platform, platform_user):
    case = window_open_case(platform, platform_user)
    other = CaseFactory(
        complaint__filed_by_org=case.complaint.filed_by_org, complaint__right=case.complaint.right
    )

    follow_up_record(
        case_id=case.pk,
        actor=_complainant(case),
        reference="Chengdu IPR office, file 2024-88",
        linked_case_id=other.pk,
    )

    case.refresh_from_db()
    assert (case.status, case.closure) == (CaseStatus.CLOSED, CaseClosure.FOLLOW_UP_FILED)
    assert case.follow_up_case == other
    assert set(case.listings.values_list("status", flat=True)) == {ListingStatus.TAKEN_DOWN}


def test_a_follow_up_needs_a_reference_and_an_open_window(platform, platform_user):
    case = counter_noticed_case(platform, platform_user)

    with pytest.raises(ValidationError) as excinfo:
        follow_up_record(case_id=case.pk, actor=_complainant(case), reference="")
    assert "reference" in excinfo.value.message_dict

    with pytest.raises(ValidationError, match="window for this case is not open"):
        follow_up_record(case_id=case.pk, actor=_complainant(case), reference="Court case 1")


def test_a_follow_up_cannot_link_another_complainants_case(platform, platform_user):
    case = window_open_case(platform, platform_user)
    foreign = CaseFactory()

    with pytest.raises(ValidationError) as excinfo:
        follow_up_record(
            case_id=case.pk, actor=_complainant(case), reference="Court", linked_case_id=foreign.pk
        )
    assert "linked_case" in excinfo.value.message_dict


# Withdrawal -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("step", ["awaiting", "information", "notice", "counter_notice", "window"])
def test_the_complainant_can_withdraw_at_every_open_step_and_measures_are_lifted(
    platform, platform_user, step
):
    if step == "awaiting":
        case = case_on(platform)
    elif step == "information":
        case = case_on(platform)
        information_request(case_id=case.pk, actor=platform_user, question="Invoice?")
    elif step == "notice":
        case = decided_case(platform, platform_user)
    elif step == "counter_notice":
        case = counter_noticed_case(platform, platform_user)
    else:
        case = window_open_case(platform, platform_user)

    case_withdraw(case_id=case.pk, actor=_complainant(case), reason="Settled with the seller.")

    case.refresh_from_db()
    assert case.status == CaseStatus.WITHDRAWN
    assert ListingStatus.TAKEN_DOWN not in set(case.listings.values_list("status", flat=True))
    assert _actions(case)[-1] == "case_withdrawn"


def test_a_closed_case_cannot_be_withdrawn(platform, platform_user):
    case = decided_case(platform, platform_user, action=DecisionAction.REJECT)

    with pytest.raises(ValidationError, match="can no longer be withdrawn"):
        case_withdraw(case_id=case.pk, actor=_complainant(case))


def test_only_the_complainant_withdraws(platform, platform_user):
    case = case_on(platform)

    with pytest.raises(ValidationError, match="Only the complainant"):
        case_withdraw(case_id=case.pk, actor=platform_user)


def test_the_notice_link_deadline_moves_with_the_calendar(platform, platform_user):
    # a working-day deadline skips weekends: ten working days are at least fourteen calendar days
    case = decided_case(platform, platform_user)

    assert case.deadline is not None
    assert case.deadline - timezone.localdate() >= timedelta(days=14)
