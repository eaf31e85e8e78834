"""Re-routing by hand: who may, what is refused, what is recorded and who is told."""

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Notification, Role
from audit.models import AuditEntry
from cases.models import Case, CaseStatus, ConsentRequest, HandlingMode, RoutingKind, Transfer
from cases.routing_explanation import routing_explanation
from cases.services.cooperation import transfer_answer, transfer_request
from cases.services.rerouting import case_reroute
from cases.services.routing import complaint_route
from complaints.models import ListingStatus, RightType
from tests.factories import (
    ComplaintFactory,
    IPRightFactory,
    ListingFactory,
    OfficeFactory,
    PlatformFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _routed_case(office, right_type: str = RightType.TRADEMARK) -> Case:
    """A case routed by the shipped rules in the region `office` serves (a trademark: platform mode)."""
    platform = PlatformFactory()
    office.regions.add(platform.region)
    complaint = ComplaintFactory(
        status="submitted", platform=platform, right=IPRightFactory(right_type=right_type)
    )
    ListingFactory(complaint=complaint)
    complaint_route(complaint_id=complaint.pk)
    return Case.objects.get(complaint=complaint)


@pytest.fixture
def manager(office):
    return UserFactory(organisation=office.organisation, organisation__role=Role.MANAGER)


@pytest.fixture
def operator(db):
    return UserFactory(is_staff=True)


def test_a_manager_reroutes_a_platform_case_to_an_opinion_with_the_reason_on_record(office, manager):
    case = _routed_case(office)
    assert (case.mode, case.status) == (HandlingMode.PLATFORM, CaseStatus.AWAITING_PLATFORM)
    before = set(Notification.objects.values_list("pk", flat=True))

    case_reroute(
        case_id=case.pk, actor=manager, mode=HandlingMode.ASSISTED, reason="The trademark is disputed."
    )

    case.refresh_from_db()
    assert (case.mode, case.status, case.office) == (
        HandlingMode.ASSISTED,
        CaseStatus.AWAITING_OPINION,
        office,
    )
    routed, rerouted = case.routings.order_by("recorded_at", "pk")
    assert (routed.kind, routed.mode, routed.recorded_by) == (RoutingKind.ROUTED, HandlingMode.PLATFORM, None)
    assert "Rule 40" in routed.reason
    assert (rerouted.kind, rerouted.mode, rerouted.reason, rerouted.recorded_by) == (
        RoutingKind.REROUTED,
        HandlingMode.ASSISTED,
        "The trademark is disputed.",
        manager,
    )
    entry = AuditEntry.objects.get(case_id=case.pk, action="rerouted")
    assert (entry.from_status, entry.to_status) == (CaseStatus.AWAITING_PLATFORM, CaseStatus.AWAITING_OPINION)
    assert "The trademark is disputed." in entry.note
    told = Notification.objects.filter(case_id=case.pk).exclude(pk__in=before)
    # The office acted, so it is not told; it must give the opinion next (its own action).
    assert set(told.values_list("organisation", flat=True)) == {
        case.complaint.filed_by_org_id,
        case.platform.organisation_id,
    }


def test_an_operator_reroutes_any_case_to_another_office(office, operator):
    case = _routed_case(office)
    other = OfficeFactory()

    case_reroute(
        case_id=case.pk,
        actor=operator,
        mode=HandlingMode.ASSISTED,
        office_id=other.pk,
        reason="Wrong region.",
    )

    case.refresh_from_db()
    assert (case.office, case.routed_office, case.status) == (other, other, CaseStatus.AWAITING_OPINION)
    assert case.routings.order_by("recorded_at", "pk").reverse()[0].recorded_by == operator


def test_rerouting_to_administrative_handling_asks_both_parties_for_consent(office, manager):
    case = _routed_case(office)

    case_reroute(case_id=case.pk, actor=manager, mode=HandlingMode.ADMINISTRATIVE, reason="Repeat seller.")

    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_CONSENT
    assert ConsentRequest.objects.filter(case=case).count() == 2


def test_refusals_name_the_field_and_change_nothing(office, manager):
    case = _routed_case(office)
    member = UserFactory(organisation=office.organisation)

    with pytest.raises(ValidationError) as no_reason:
        case_reroute(case_id=case.pk, actor=manager, mode=HandlingMode.ASSISTED, reason="  ")
    with pytest.raises(ValidationError) as same:
        case_reroute(case_id=case.pk, actor=manager, mode=HandlingMode.PLATFORM, reason="Again.")
    with pytest.raises(ValidationError) as bad_mode:
        case_reroute(case_id=case.pk, actor=manager, mode="court", reason="Why not.")
    with pytest.raises(ValidationError) as not_manager:
        case_reroute(case_id=case.pk, actor=member, mode=HandlingMode.ASSISTED, reason="I want to.")

    assert "reason" in no_reason.value.message_dict
    assert "mode" in same.value.message_dict
    assert "mode" in bad_mode.value.message_dict
    assert not_manager.value.code == "forbidden"
    case.refresh_from_db()
    assert (case.mode, case.routings.count()) == (HandlingMode.PLATFORM, 1)


def test_a_mode_that_needs_an_office_is_refused_without_one(manager, operator):
    case = _routed_case(OfficeFactory())
    Case.objects.filter(pk=case.pk).update(office=None)

    with pytest.raises(ValidationError) as refused:
        case_reroute(case_id=case.pk, actor=operator, mode=HandlingMode.ASSISTED, reason="Needs an opinion.")

    assert "office" in refused.value.message_dict


def test_another_offices_manager_gets_no_case_and_a_decided_case_is_not_rerouted(office, manager, operator):
    case = _routed_case(office)
    stranger = UserFactory(organisation=OfficeFactory().organisation, organisation__role=Role.MANAGER)
    with pytest.raises(Case.DoesNotExist):
        case_reroute(case_id=case.pk, actor=stranger, mode=HandlingMode.ASSISTED, reason="Mine now.")

    case.listings.update(status=ListingStatus.TAKEN_DOWN)
    with pytest.raises(ValidationError) as decided:
        case_reroute(case_id=case.pk, actor=operator, mode=HandlingMode.ASSISTED, reason="Too late.")
    assert decided.value.code == "transition_not_allowed"

    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED)
    with pytest.raises(ValidationError) as closed:
        case_reroute(case_id=case.pk, actor=operator, mode=HandlingMode.ASSISTED, reason="Too late.")
    assert closed.value.code == "transition_not_allowed"


def test_why_this_mode_names_the_office_that_routed_it_after_a_transfer(office, manager):
    case = _routed_case(office, right_type=RightType.INVENTION_PATENT)
    other = OfficeFactory()
    other_official = UserFactory(organisation=other.organisation)
    transfer = transfer_request(case_id=case.pk, actor=manager, to_office_id=other.pk, reason="Their region.")

    transfer_answer(transfer_id=transfer.pk, actor=other_official, accept=True)

    case = Case.objects.select_related("office", "routed_office", "routing_rule").get(pk=case.pk)
    assert case.office == other
    assert Transfer.objects.get(pk=transfer.pk).status == "accepted"
    explanation = routing_explanation(case)
    assert office.name in explanation
    assert other.name not in explanation
    assert case.routings.get().office == office
