import pytest
from django.utils import timezone

from cases.models import Case, CaseStatus, HandlingMode
from cases.services.routing import case_route, complaint_route
from complaints.models import RightType
from complaints.services import complaint_submit
from tests.factories import ComplaintFactory, IPRightFactory, ListingFactory, OfficeFactory, PlatformFactory

pytestmark = pytest.mark.django_db


def test_submitted_complaint_is_split_into_one_case_per_store_and_routed(django_capture_on_commit_callbacks):
    platform = PlatformFactory()
    OfficeFactory(regions=[platform.region])
    complaint = ComplaintFactory(
        platform=platform, right=IPRightFactory(right_type=RightType.INVENTION_PATENT), evidence=1
    )
    ListingFactory.create_batch(2, complaint=complaint, store_ref="shop-a")
    ListingFactory(complaint=complaint, store_ref="shop-b")

    with django_capture_on_commit_callbacks(execute=True):
        complaint_submit(complaint_id=complaint.pk, actor=complaint.filed_by)

    cases = Case.objects.filter(complaint=complaint).order_by("store__external_id")
    assert [c.store.external_id for c in cases] == ["shop-a", "shop-b"]
    assert [c.listings.count() for c in cases] == [2, 1]
    assert {c.mode for c in cases} == {HandlingMode.ASSISTED}
    assert {c.status for c in cases} == {CaseStatus.AWAITING_OPINION}
    assert all("Patents need" in c.routing_reason for c in cases)
    assert all(c.deadline and c.deadline > timezone.localdate() for c in cases)


def test_routing_a_case_twice_changes_nothing():
    complaint = ComplaintFactory(status="submitted")
    ListingFactory(complaint=complaint)
    complaint_route(complaint_id=complaint.pk)
    case = Case.objects.get(complaint=complaint)
    first = (case.status, case.mode, case.routed_at, case.routing_reason)

    complaint_route(complaint_id=complaint.pk)
    case_route(case_id=case.pk)

    case.refresh_from_db()
    assert (case.status, case.mode, case.routed_at, case.routing_reason) == first
    assert Case.objects.filter(complaint=complaint).count() == 1


def _route(complaint) -> Case:
    complaint_route(complaint_id=complaint.pk)
    return Case.objects.get(complaint=complaint)


@pytest.mark.parametrize(
    ("right_type", "requested_administrative", "mode", "status"),
    [
        (RightType.TRADEMARK, False, HandlingMode.PLATFORM, CaseStatus.AWAITING_PLATFORM),
        (RightType.COPYRIGHT, False, HandlingMode.PLATFORM, CaseStatus.AWAITING_PLATFORM),
        (RightType.DESIGN_PATENT, False, HandlingMode.ASSISTED, CaseStatus.AWAITING_OPINION),
        (RightType.UTILITY_MODEL, False, HandlingMode.ASSISTED, CaseStatus.AWAITING_OPINION),
        (RightType.TRADEMARK, True, HandlingMode.ADMINISTRATIVE, CaseStatus.AWAITING_CONSENT),
    ],
)
def test_default_rules_reach_each_mode(right_type, requested_administrative, mode, status):
    platform = PlatformFactory()
    office = OfficeFactory(regions=[platform.region])
    complaint = ComplaintFactory(
        status="submitted",
        platform=platform,
        requested_administrative=requested_administrative,
        right=IPRightFactory(right_type=right_type),
    )
    ListingFactory(complaint=complaint)

    case = _route(complaint)

    assert (case.mode, case.status, case.office) == (mode, status, office)
    assert case.routing_rule is not None
    assert f"Rule {case.routing_rule.position}" in case.routing_reason


def test_store_with_three_upheld_cases_in_a_year_goes_to_the_office():
    from django.utils import timezone

    from cases.models import CaseOutcome
    from tests.factories import CaseFactory, StoreFactory

    platform = PlatformFactory()
    OfficeFactory(regions=[platform.region])
    store = StoreFactory(platform=platform)
    for _ in range(3):
        CaseFactory(
            platform=platform,
            complaint__platform=platform,
            store=store,
            status=CaseStatus.DECIDED,
            outcome=CaseOutcome.UPHELD,
            decided_at=timezone.now(),
        )
    complaint = ComplaintFactory(status="submitted", platform=platform)
    ListingFactory(complaint=complaint, store_ref=store.external_id)

    case = _route(complaint)

    assert case.mode == HandlingMode.ADMINISTRATIVE
    assert "3 upheld cases" in case.routing_reason


def test_office_mode_falls_back_to_platform_when_no_office_serves_the_region():
    complaint = ComplaintFactory(
        status="submitted", right=IPRightFactory(right_type=RightType.INVENTION_PATENT)
    )
    ListingFactory(complaint=complaint)

    case = _route(complaint)

    assert case.mode == HandlingMode.PLATFORM
    assert case.office is None
    assert "No IPR office serves this region" in case.routing_reason


def test_office_of_a_parent_region_has_jurisdiction():
    from tests.factories import RegionFactory

    province = RegionFactory(name="Sichuan")
    city = RegionFactory(name="Chengdu", parent=province)
    office = OfficeFactory(regions=[province])
    complaint = ComplaintFactory(
        status="submitted",
        platform=PlatformFactory(region=city),
        right=IPRightFactory(right_type=RightType.DESIGN_PATENT),
    )
    ListingFactory(complaint=complaint)

    case = _route(complaint)

    assert case.office == office
    assert case.mode == HandlingMode.ASSISTED


def test_respondent_region_rule_picks_the_office_of_the_store_region():
    from cases.models import Jurisdiction, RoutingRule
    from tests.factories import RegionFactory, StoreFactory

    platform = PlatformFactory()
    OfficeFactory(regions=[platform.region])
    store_region = RegionFactory()
    store_office = OfficeFactory(regions=[store_region])
    store = StoreFactory(platform=platform, region=store_region)
    RoutingRule.objects.create(
        position=1,
        name="Respondent's office",
        mode=HandlingMode.ADMINISTRATIVE,
        jurisdiction=Jurisdiction.RESPONDENT_REGION,
        requested_administrative=True,
    )
    complaint = ComplaintFactory(status="submitted", platform=platform, requested_administrative=True)
    ListingFactory(complaint=complaint, store_ref=store.external_id)

    case = _route(complaint)

    assert case.office == store_office


def test_inactive_rules_are_skipped_and_an_empty_table_is_an_error():
    from cases.models import RoutingRule
    from cases.services.routing import NoRoutingRule

    RoutingRule.objects.update(is_active=False)
    complaint = ComplaintFactory(status="submitted")
    ListingFactory(complaint=complaint)

    with pytest.raises(NoRoutingRule):
        complaint_route(complaint_id=complaint.pk)

    assert Case.objects.get(complaint=complaint).status == CaseStatus.NEW


def test_sweep_routes_complaints_whose_routing_was_never_enqueued(
    monkeypatch, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from cases import tasks

    complaint = ComplaintFactory(evidence=1)
    ListingFactory(complaint=complaint)
    monkeypatch.setattr(tasks.route_complaint, "apply_async", _broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        complaint_submit(complaint_id=complaint.pk, actor=complaint.filed_by)
    assert not Case.objects.filter(complaint=complaint).exists()

    monkeypatch.setattr("django.conf.settings.IPRGOV_ROUTING_SWEEP_GRACE", timedelta(0))
    routed = tasks.sweep_unrouted()

    assert routed == 1
    assert Case.objects.get(complaint=complaint).status != CaseStatus.NEW
    assert tasks.sweep_unrouted() == 0


def _broker_down(*args, **kwargs):
    from kombu.exceptions import OperationalError

    raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


def test_a_case_no_rule_matches_does_not_keep_the_others_from_being_routed():
    from cases.models import RoutingRule
    from cases.services.routing import NoRoutingRule

    complaint = ComplaintFactory(status="submitted")
    ListingFactory(complaint=complaint, store_ref="store-unmatched")
    ListingFactory.create_batch(2, complaint=complaint, store_ref="store-fine")
    # A table without its catch-all rule: only a case of two listings or more matches.
    RoutingRule.objects.update(is_active=False)
    RoutingRule.objects.create(position=1, name="Two or more", mode=HandlingMode.PLATFORM, min_listings=2)

    with pytest.raises(NoRoutingRule):
        complaint_route(complaint_id=complaint.pk)

    statuses = dict(Case.objects.filter(complaint=complaint).values_list("store__external_id", "status"))
    assert statuses == {"store-unmatched": CaseStatus.NEW, "store-fine": CaseStatus.AWAITING_PLATFORM}


def test_a_case_that_cannot_be_routed_does_not_keep_the_others_from_being_routed(monkeypatch):
    from cases.services import routing

    complaint = ComplaintFactory(status="submitted")
    ListingFactory(complaint=complaint, store_ref="store-broken")
    ListingFactory(complaint=complaint, store_ref="store-fine")
    facts = routing.cases_facts

    def facts_or_fail(cases: list[Case]):
        if any(case.store.external_id == "store-broken" for case in cases):
            raise RuntimeError("a corrupt row")
        return facts(cases)

    monkeypatch.setattr(routing, "cases_facts", facts_or_fail)

    with pytest.raises(RuntimeError):
        complaint_route(complaint_id=complaint.pk)

    statuses = dict(Case.objects.filter(complaint=complaint).values_list("store__external_id", "status"))
    assert statuses["store-broken"] == CaseStatus.NEW
    assert statuses["store-fine"] != CaseStatus.NEW


def test_the_sweep_goes_on_past_a_complaint_it_cannot_route(monkeypatch):
    from datetime import timedelta

    from cases.services import routing

    monkeypatch.setattr("django.conf.settings.IPRGOV_ROUTING_SWEEP_GRACE", timedelta(0))
    broken, fine = ComplaintFactory(status="submitted"), ComplaintFactory(status="submitted")
    ListingFactory(complaint=broken)
    ListingFactory(complaint=fine)
    split = routing.complaint_split_into_cases

    def split_or_fail(*, complaint_id: int) -> list[int]:
        if complaint_id == broken.pk:
            raise RuntimeError("a corrupt row")
        return split(complaint_id=complaint_id)

    monkeypatch.setattr(routing, "complaint_split_into_cases", split_or_fail)

    assert routing.complaints_route_pending() == 1
    assert Case.objects.get(complaint=fine).status != CaseStatus.NEW
    assert not Case.objects.filter(complaint=broken).exists()
