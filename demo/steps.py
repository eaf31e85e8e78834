"""Moves the demo cases on through the real services, so that each console has work waiting at every step:
a counter-notice to forward, an opinion issued, a mediation scheduled, a decision to execute, a closed case.

Each step runs only while its case is in the status it starts from, so a second run changes nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from cases.models import Case, CaseStatus, OpinionOutcome, SessionKind
from cases.services.administrative import case_accept, session_schedule
from cases.services.consent import consent_answer_respondent
from cases.services.decisions import listing_decide
from cases.services.notice_and_takedown import counter_notice_file
from cases.services.office_records import administrative_decision_issue, opinion_issue
from platforms.models import DecisionAction, ReasonCode
from platforms.statements import StatementParts


def _statement(facts: str) -> StatementParts:
    # The standard parts are left to the platform's template, as a moderator who does not adjust them.
    return StatementParts(measure_scope="", facts=facts, legal_ground="", automated_means=False, redress="")


def _decide_all(case: Case, actor: User, *, take_down: bool, facts: str) -> None:
    listing_decide(
        case_id=case.pk,
        listing_ids=list(case.listings.order_by("pk").values_list("pk", flat=True)),
        actor=actor,
        action=DecisionAction.TAKE_DOWN if take_down else DecisionAction.REJECT,
        reason_code=ReasonCode.COUNTERFEIT if take_down else ReasonCode.INSUFFICIENT_EVIDENCE,
        statement=_statement(facts),
    )


def _counter_notice_to_forward(case: Case, users: dict[str, User]) -> None:
    _decide_all(
        case,
        users["shopriver-staff"],
        take_down=True,
        facts="The test purchases show fake hang tags and stitching that Panda Brands never used.",
    )
    counter_notice_file(
        case_id=case.pk,
        respondent_name="Golden Panda Outlet, owner",
        contact_email="sr-1001@sellers.example.test",
        statement="Our trainers are parallel imports bought from an authorised distributor; invoices follow.",
        declaration=True,
    )


def _closed(case: Case, users: dict[str, User]) -> None:
    _decide_all(
        case,
        users["shopriver-manager"],
        take_down=False,
        facts="The listing shows unbranded trainers; no PANDA GOLD mark appears in its photographs or text.",
    )


def _opinion_issued(case: Case, users: dict[str, User]) -> None:
    opinion_issue(
        case_id=case.pk,
        actor=users["sichuan-official"],
        outcome=OpinionOutcome.INFRINGING,
        reasoning="The product has every feature of claims 1-4: the sealed chamber and the pull-tab pouch.",
        technical_comparison="Claim 1: sealed reaction chamber under the tray, present. Claim 3: pouch, present.",
    )


def _accepted(case: Case, users: dict[str, User]) -> None:
    consent_answer_respondent(case_id=case.pk, consent=True, name="Store owner, for the store")
    case_accept(case_id=case.pk, actor=users["beijing-official"])


def _mediation_scheduled(case: Case, users: dict[str, User]) -> None:
    _accepted(case, users)
    when = (timezone.localtime() + timedelta(days=7)).replace(hour=10, minute=0, second=0, microsecond=0)
    session_schedule(
        case_id=case.pk,
        actor=users["beijing-member"],
        kind=SessionKind.MEDIATION,
        scheduled_for=when,
        location="Beijing IPR Office, mediation room 2",
    )


def _decision_to_execute(case: Case, users: dict[str, User]) -> None:
    _accepted(case, users)
    administrative_decision_issue(
        case_id=case.pk,
        actor=users["beijing-official"],
        infringement_established=True,
        reasoning="The catalogue photographs are used without a licence to sell unrelated goods.",
        measures_ordered="Remove listing 552877 and every other listing that uses the photographs.",
    )


@dataclass(frozen=True)
class DemoStep:
    complaint: str  # the demo complaint's key
    store: str  # the store's id on its platform: one case of that complaint
    starts_in: str
    run: Callable[[Case, dict[str, User]], None]


STEPS = [
    DemoStep("trademark-platform", "sr-1001", CaseStatus.AWAITING_PLATFORM, _counter_notice_to_forward),
    DemoStep("trademark-platform", "sr-1002", CaseStatus.AWAITING_PLATFORM, _closed),
    DemoStep("patent-assisted", "sr-1003", CaseStatus.AWAITING_OPINION, _opinion_issued),
    DemoStep("copyright-administrative", "ms-2001", CaseStatus.AWAITING_CONSENT, _mediation_scheduled),
    DemoStep("copyright-administrative", "ms-2002", CaseStatus.AWAITING_CONSENT, _decision_to_execute),
]


def demo_cases_advance(*, complaint_ids: dict[str, int], users: dict[str, User]) -> int:
    """Carry out each step whose case still waits where the step starts; returns how many were run."""
    done = 0
    for step in STEPS:
        case = Case.objects.filter(
            complaint_id=complaint_ids[step.complaint], store__external_id=step.store, status=step.starts_in
        ).first()
        if case is not None:
            step.run(case, users)
            done += 1
    return done
