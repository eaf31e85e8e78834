"""Pages offer exactly the actions available to this user in this status, read from the catalogue and
the state machine; an action that is not available is refused with a readable message and changes
nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Role
from audit.actors import SYSTEM
from audit.models import AuditEntry
from cases.actions import CaseAction
from cases.available import actions_available
from cases.models import CaseStatus, HandlingMode
from cases.transition import case_transition
from tests.factories import CaseFactory, OfficeFactory, UserFactory
from tests.platforms.helpers import case_on

pytestmark = pytest.mark.django_db


def test_each_party_is_offered_its_own_actions_in_the_current_status(platform, platform_user):
    case = case_on(platform, status=CaseStatus.AWAITING_PLATFORM)
    complainant = UserFactory(organisation=case.complaint.filed_by_org)

    assert actions_available(case, platform_user) == {
        CaseAction.INFORMATION_REQUESTED,
        CaseAction.LISTINGS_DECIDED,
        CaseAction.DECIDED,
        # Any routed case of the platform's can go to law enforcement.
        CaseAction.REFERRED_TO_LAW_ENFORCEMENT,
    }
    assert actions_available(case, complainant) == {CaseAction.WITHDRAWN}


def test_an_organisation_outside_the_case_is_offered_nothing(platform):
    case = case_on(platform, status=CaseStatus.AWAITING_PLATFORM)
    stranger = UserFactory(organisation=OfficeFactory().organisation)

    assert actions_available(case, stranger) == set()


def test_only_the_offices_managers_are_offered_acceptance():
    office = OfficeFactory()
    case = CaseFactory(status=CaseStatus.AWAITING_ACCEPTANCE, mode=HandlingMode.ADMINISTRATIVE, office=office)
    official = UserFactory(organisation=office.organisation)
    manager = UserFactory(organisation=office.organisation, organisation__role=Role.MANAGER)

    assert CaseAction.ACCEPTED not in actions_available(case, official)
    assert {CaseAction.ACCEPTED, CaseAction.FALLBACK, CaseAction.OFFICIALS_ASSIGNED} <= actions_available(
        case, manager
    )


def test_the_platform_page_shows_the_forward_button_only_when_there_is_a_counter_notice(
    platform, platform_user, login
):
    client = login(platform_user)
    waiting = case_on(platform, status=CaseStatus.COUNTER_NOTICE_RECEIVED)
    deciding = case_on(platform, status=CaseStatus.AWAITING_PLATFORM)

    with_notice = client.get(reverse("platforms:case_detail", args=[waiting.pk])).content.decode()
    without = client.get(reverse("platforms:case_detail", args=[deciding.pk])).content.decode()

    assert 'id="forward-counter-notice"' in with_notice
    assert 'id="request-information"' not in with_notice
    assert 'id="forward-counter-notice"' not in without
    assert 'id="request-information"' in without


def test_the_complainant_page_offers_no_withdrawal_of_a_closed_case(platform, login):
    case = case_on(platform, status=CaseStatus.CLOSED)
    client = login(UserFactory(organisation=case.complaint.filed_by_org))

    page = client.get(reverse("complaints:case_detail", args=[case.pk])).content.decode()

    assert 'id="withdraw"' not in page
    assert 'id="follow-up"' not in page


def test_posting_an_action_that_is_not_available_is_refused_with_a_message_and_changes_nothing(
    platform, platform_user, login
):
    case = case_on(platform, status=CaseStatus.AWAITING_PLATFORM)
    client = login(platform_user)

    response = client.post(reverse("platforms:case_forward_counter_notice", args=[case.pk]), follow=True)

    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_PLATFORM
    assert "There is no counter-notice to forward" in response.content.decode()
    assert not AuditEntry.objects.filter(case_id=case.pk, action=CaseAction.COUNTER_NOTICE_FORWARDED).exists()


def test_a_step_that_keeps_the_status_is_refused_outside_the_statuses_it_belongs_to(platform):
    case = case_on(platform, status=CaseStatus.CLOSED)

    with pytest.raises(ValidationError) as refused:
        case_transition(case=case, action=CaseAction.TRANSFER_REQUESTED, actor=SYSTEM)

    assert refused.value.code == "transition_not_allowed"
    assert not AuditEntry.objects.filter(case_id=case.pk).exists()
