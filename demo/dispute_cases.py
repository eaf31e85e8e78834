"""Demo cases at the dispute-resolution bodies: one at the mediation centre after a session, one at the
arbitration commission with an award waiting for the platform to execute it."""

from collections.abc import Iterable
from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from cases.models import Case, CaseStatus, HandlingMode
from cases.services.decisions import listing_decide
from disputes.models import AwardMeasure, DisputeReferral, DisputeResolutionBody
from disputes.services.referrals import (
    award_issue,
    body_session_record,
    referral_answer_complainant,
    referral_answer_respondent,
    referral_propose_complainant,
    referral_propose_respondent,
)
from platforms.models import DecisionAction, ReasonCode
from platforms.statements import StatementParts

FACTS = "A test purchase showed the PANDA GOLD mark on trainers Panda Brands never made."


def demo_cases_at_dispute_bodies(*, complaint_id: int, users: dict[str, User]) -> int:
    """Take the demo complaint's two platform cases (their listings taken down) to the mediation centre and
    the arbitration commission; returns how many were referred (none once any demo case was)."""
    cases = list(
        Case.objects.filter(complaint_id=complaint_id, mode=HandlingMode.PLATFORM).order_by(
            "store__external_id"
        )
    )
    if DisputeReferral.objects.filter(case__in=cases).exists() or len(cases) < 2:
        return 0
    mediator, arbitrator = users["tianfu-mediator"], users["chengdu-arbitrator"]
    complainant = users["panda-member"]
    staff = users["shopriver-staff"]
    for case in cases:
        if case.status == CaseStatus.AWAITING_PLATFORM:
            _take_down(case, staff)
    mediated, arbitrated = cases[:2]
    centre = DisputeResolutionBody.objects.get(organisation=mediator.organisation)
    commission = DisputeResolutionBody.objects.get(organisation=arbitrator.organisation)

    # The respondent proposes mediation, the complainant accepts; the centre has held a first session.
    referral_propose_respondent(
        case_id=mediated.pk,
        name_given=str(mediated.store),
        body_id=centre.pk,
        measures="stand",
        note="Our stock comes from a wholesaler we trusted; we would like to settle this with the brand.",
    )
    referral_answer_complainant(case_id=mediated.pk, actor=complainant, accept=True)
    _session(
        mediated, mediator, "Tianfu IP Mediation Centre, Room 2, 88 Tianfu Avenue, Chengdu", online=False
    )

    # The complainant proposes arbitration with the measures suspended, the respondent accepts; after a
    # hearing the commission awards the takedown, which the platform is to execute.
    referral_propose_complainant(
        case_id=arbitrated.pk,
        actor=complainant,
        body_id=commission.pk,
        measures="suspended",
        note="The store contests the takedown; we ask for a binding award.",
    )
    referral_answer_respondent(case_id=arbitrated.pk, name_given=str(arbitrated.store), accept=True)
    _session(arbitrated, arbitrator, "https://hearings.chengdu-arbitration.example.test/room/17", online=True)
    award_issue(
        case_id=arbitrated.pk,
        actor=arbitrator,
        terms="The listed trainers infringe trademark TM-38120457: the platform takes the listing down.",
        measures=_all(arbitrated.listings.values_list("pk", flat=True), AwardMeasure.TAKE_DOWN),
    )
    return 2


def _take_down(case: Case, staff: User) -> None:
    listing_decide(
        case_id=case.pk,
        listing_ids=list(case.listings.values_list("pk", flat=True)),
        actor=staff,
        action=DecisionAction.TAKE_DOWN,
        reason_code=ReasonCode.COUNTERFEIT,
        statement=StatementParts(
            measure_scope="", facts=FACTS, legal_ground="", automated_means=False, redress=""
        ),
    )


def _session(case: Case, staff: User, place: str, *, online: bool) -> None:
    body_session_record(
        case_id=case.pk,
        actor=staff,
        held_at=timezone.now() - timedelta(days=1),
        place=place,
        online=online,
        notes="Both parties heard; each was given a week to send further evidence.",
    )


def _all(listing_ids: Iterable[int], measure: str) -> dict[int, str]:
    return dict.fromkeys(listing_ids, measure)
