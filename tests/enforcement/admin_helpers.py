"""Building administrative cases for the tests of consent, administrative handling and cooperation."""

from cases.models import Case
from cases.services.routing import complaint_route
from complaints.models import RightType
from enforcement.models import Office
from tests.factories import (
    ComplaintFactory,
    IPRightFactory,
    ListingFactory,
    OfficeFactory,
    PlatformFactory,
    StoreFactory,
)


def routed_administrative_case(
    *, requested: bool = True, right_type: str = RightType.TRADEMARK, office: Office | None = None
) -> Case:
    """A case routed by the default rules to administrative handling (the complainant asked for it, or
    the store is a repeat infringer when `requested` is False), in the region of `office`."""
    if office is None:
        office = OfficeFactory()
    platform = PlatformFactory()
    office.regions.add(platform.region)
    complaint = ComplaintFactory(
        status="submitted",
        platform=platform,
        requested_administrative=requested,
        right=IPRightFactory(right_type=right_type),
    )
    listing = ListingFactory(complaint=complaint)
    StoreFactory(
        platform=platform, external_id=listing.store_ref
    )  # with the contact address the link goes to
    if not requested:
        from cases.models import RoutingRule

        RoutingRule.objects.create(position=1, name="Everything administrative", mode="administrative")
    complaint_route(complaint_id=complaint.pk)
    return Case.objects.select_related("complaint__filed_by", "office", "platform").get(complaint=complaint)
