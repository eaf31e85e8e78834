from datetime import date

import pytest

from complaints.models import RightType
from complaints.services import complaint_submit
from enforcement.models import Case, CaseStatus, HandlingMode
from enforcement.services.routing import case_route, complaint_route
from tests.factories import ComplaintFactory, IPRightFactory, ListingFactory, OfficeFactory, PlatformFactory

pytestmark = pytest.mark.django_db


def test_submitted_complaint_is_split_into_one_case_per_store_and_routed(django_capture_on_commit_callbacks):
    platform = PlatformFactory()
    OfficeFactory(regions=[platform.region])
    complaint = ComplaintFactory(platform=platform, right=IPRightFactory(right_type=RightType.INVENTION_PATENT))
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
    assert all(c.deadline and c.deadline > date.today() for c in cases)


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
