"""What a respondent's link shows: one case's notice with the complainant's evidence, never its contacts."""

from django.db.models import Prefetch

from cases.actions import CaseAction, Party
from cases.models import (
    AdministrativeDecision,
    Case,
    ConsentParty,
    ConsentStatus,
    CounterNotice,
    DeterminationOpinion,
    ListingDecision,
)
from cases.parties import instruction_text, next_actors
from cases.transition import action_allowed_now
from complaints.models import EvidenceFile, Listing


def respondent_notice(*, case_id: int) -> dict:
    """The case (its right and platform), its listings with decisions, and any counter-notice filed."""
    case = Case.objects.select_related(
        "complaint__right",
        "complaint__authorisation",
        "complaint__filed_by_org",
        "platform__organisation",
        "store",
    ).get(pk=case_id)
    listings = list(
        Listing.objects.filter(case=case)
        .prefetch_related(
            Prefetch("decisions", queryset=ListingDecision.objects.order_by("created_at", "pk"))
        )
        .order_by("pk")
    )
    counter_notice = CounterNotice.objects.filter(case=case).prefetch_related("evidence").first()
    consents = list(case.consents.order_by("party"))
    return {
        "case": case,
        "listings": listings,
        "counter_notice": counter_notice,
        "consents": consents,
        # The complainant's evidence is part of the notice; its contacts and people are not.
        "evidence": list(case.complaint.evidence.order_by("pk")),
        "opinion": DeterminationOpinion.objects.filter(case=case).select_related("office").first(),
        "decision": AdministrativeDecision.objects.filter(case=case).select_related("office").first(),
        "instruction": instruction_text(case.status, case.deadline)
        if Party.RESPONDENT in next_actors(case)
        else "",
    }


def respondent_evidence(*, case_id: int, evidence_id: int) -> EvidenceFile:
    """One evidence file of the complaint the respondent's case comes from; DoesNotExist otherwise."""
    return EvidenceFile.objects.get(pk=evidence_id, complaint__cases__pk=case_id)


def respondent_consent_pending(case: Case) -> bool:
    """The respondent's consent to administrative handling is being asked now."""
    return (
        action_allowed_now(case, CaseAction.CONSENT_GIVEN)
        and case.consents.filter(party=ConsentParty.RESPONDENT, status=ConsentStatus.PENDING).exists()
    )
