"""Reads of the dispute-resolution body console, scoped to the body of the signed-in user."""

from django.db.models import QuerySet

from accounts.models import User
from accounts.selectors import organisation_of
from cases.models import Case
from cases.selectors import cases_visible_to
from disputes.models import DisputeResolutionBody


def body_of(user: User) -> DisputeResolutionBody:
    """The body the user works for; DisputeResolutionBody.DoesNotExist (a 404) for an organisation of this
    kind whose profile the operators have not entered yet."""
    return DisputeResolutionBody.objects.prefetch_related("regions").get(organisation=organisation_of(user))


def cases_referred_to(*, user: User) -> QuerySet[Case]:
    """The cases referred to the user's body, newest first: cases_visible_to's rule for its kind."""
    return cases_visible_to(user).select_related("platform", "store").order_by("-created_at")
