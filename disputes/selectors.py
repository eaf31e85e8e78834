"""Reads of the dispute-resolution body console, scoped to the body of the signed-in user, and the bodies a
case's parties may choose from."""

from django.db.models import QuerySet

from accounts.models import User
from accounts.selectors import organisation_of
from cases.models import Case
from cases.selectors import cases_visible_to
from disputes.models import DisputeResolutionBody
from regions.selectors import regions_within


def body_of(user: User) -> DisputeResolutionBody:
    """The body the user works for; DisputeResolutionBody.DoesNotExist (a 404) for an organisation of this
    kind whose profile the operators have not entered yet."""
    return DisputeResolutionBody.objects.prefetch_related("regions").get(organisation=organisation_of(user))


def cases_referred_to(*, user: User) -> QuerySet[Case]:
    """The cases referred to the user's body, the nearest deadline first: cases_visible_to's rule for its kind."""
    return (
        cases_visible_to(user)
        .select_related("platform", "store", "complaint__right")
        .order_by("deadline", "-created_at")
    )


def bodies_offered(case: Case) -> list[DisputeResolutionBody]:
    """The bodies serving the case's kind of right and its region (the store's, else the platform's; a body
    serving a region serves the divisions below it), by name."""
    region_id = case.store.region_id or case.platform.region_id
    bodies = (
        DisputeResolutionBody.objects.filter(right_types__contains=[case.complaint.right.right_type])
        .select_related("organisation")
        .prefetch_related("regions")
        .order_by("organisation__name")
    )
    return [
        body
        for body in bodies
        if region_id is not None and region_id in regions_within(region.pk for region in body.regions.all())
    ]
