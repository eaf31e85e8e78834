"""The office's requests to other offices, followed with their state and outcome (a fixed number of queries)."""

from accounts.models import User
from cases.models import AssistanceRequest, Case, Transfer
from cases.selectors import office_of

OUTGOING_SHOWN = 100


def outgoing_requests(*, user: User) -> dict:
    """Transfers and assistance requests the user's office sent, newest first (the latest OUTGOING_SHOWN
    of each); Case.DoesNotExist for a user of no office. Three queries: the office and the two lists."""
    office = office_of(user)
    if office is None:
        raise Case.DoesNotExist
    related = ("to_office__organisation", "case__platform__organisation", "case__store")
    return {
        "office": office,
        "transfers": list(
            Transfer.objects.filter(from_office=office)
            .select_related(*related)
            .order_by("-requested_at", "-pk")[:OUTGOING_SHOWN]
        ),
        "assistance_requests": list(
            AssistanceRequest.objects.filter(from_office=office)
            .select_related(*related)
            .order_by("-requested_at", "-pk")[:OUTGOING_SHOWN]
        ),
        "shown": OUTGOING_SHOWN,
    }
