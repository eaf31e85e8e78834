"""What a respondent's link shows: one case's notice, never the complainant's evidence or contacts."""

from django.db.models import Prefetch

from cases.actions import CaseAction
from cases.models import Case, ConsentParty, ConsentStatus, CounterNotice, ListingDecision
from cases.transition import action_allowed_now
from complaints.models import Listing


def respondent_notice(*, case_id: int) -> dict:
    """The case (its right and platform), its listings with decisions, and any counter-notice filed."""
    case = Case.objects.select_related("complaint__right", "platform__organisation", "store").get(pk=case_id)
    listings = list(
        Listing.objects.filter(case=case)
        .prefetch_related(
            Prefetch("decisions", queryset=ListingDecision.objects.order_by("created_at", "pk"))
        )
        .order_by("pk")
    )
    counter_notice = CounterNotice.objects.filter(case=case).prefetch_related("evidence").first()
    consents = list(case.consents.order_by("party"))
    return {"case": case, "listings": listings, "counter_notice": counter_notice, "consents": consents}


def respondent_consent_pending(case: Case) -> bool:
    """The respondent's consent to administrative handling is being asked now."""
    return (
        action_allowed_now(case, CaseAction.CONSENT_GIVEN)
        and case.consents.filter(party=ConsentParty.RESPONDENT, status=ConsentStatus.PENDING).exists()
    )
