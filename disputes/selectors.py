"""Reads of the disputes pages and API: the dispute-resolution body console, scoped to the body of the
signed-in user, the bodies a case's parties may choose from, and the reviews of a platform's decision,
scoped to the case's parties."""

from django.db.models import QuerySet

from accounts.models import User
from accounts.selectors import organisation_of
from cases.models import Case, DecisionReview
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


def reviews_of_case(*, user: User, case_id: int) -> QuerySet[DecisionReview]:
    """The reviews of a case in the user's scope, oldest first, with their evidence; Case.DoesNotExist (a
    404) for any other case."""
    if not cases_visible_to(user).filter(pk=case_id).exists():
        raise Case.DoesNotExist
    return reviews_of_linked_case(case_id=case_id)


def reviews_of_linked_case(*, case_id: int) -> QuerySet[DecisionReview]:
    """The reviews of the case a verified respondent's link names, oldest first, with their evidence."""
    return DecisionReview.objects.filter(case_id=case_id).prefetch_related("evidence").order_by("pk")
