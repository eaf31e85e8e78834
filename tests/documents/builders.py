"""Cases whose records were made through the real services, one for each kind of official document."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import Role, User
from cases.models import Case, CaseSession, CaseStatus, HandlingMode, SessionKind
from cases.services.administrative import case_accept, mediation_record, session_schedule
from cases.services.consent import (
    consent_answer_complainant,
    consent_answer_respondent,
    consent_requests_open,
)
from cases.services.decisions import listing_decide
from cases.services.office_records import administrative_decision_issue, opinion_issue
from platforms.models import DecisionAction, ReasonCode
from tests.decisions import statement_of
from tests.factories import CaseFactory, ComplaintFactory, OfficeFactory, UserFactory

REASONING = "The goods carry the registered mark on the packaging; 商标相同，商品相同。"
AGREEMENT = "The respondent removes the listings and pays 5,000 yuan; 被投诉人下架商品并赔偿五千元。"


def platform_case_with_notice() -> Case:
    """A platform case whose listings were taken down: its notice was forwarded to the respondent."""
    complaint = ComplaintFactory(status="submitted", evidence=2)
    case = CaseFactory(complaint=complaint, status=CaseStatus.AWAITING_PLATFORM, mode=HandlingMode.PLATFORM)
    decider = UserFactory(organisation=case.platform.organisation)
    listing_decide(
        case_id=case.pk,
        listing_ids=[listing.pk for listing in case.listings.all()],
        actor=decider,
        action=DecisionAction.TAKE_DOWN,
        reason_code=ReasonCode.COUNTERFEIT,
        statement=statement_of(),
    )
    return Case.objects.get(pk=case.pk)


def assisted_case_with_opinion() -> Case:
    office = OfficeFactory()
    case = CaseFactory(
        complaint=ComplaintFactory(status="submitted", evidence=1),
        status=CaseStatus.AWAITING_OPINION,
        mode=HandlingMode.ASSISTED,
        office=office,
    )
    opinion_issue(
        case_id=case.pk,
        actor=UserFactory(organisation=office.organisation),
        outcome="infringing",
        reasoning=REASONING,
    )
    return Case.objects.get(pk=case.pk)


def administrative_case_accepted() -> Case:
    """An administrative case both parties consented to and the office accepted."""
    office = OfficeFactory()
    case = CaseFactory(
        complaint=ComplaintFactory(status="submitted", evidence=1),
        status=CaseStatus.AWAITING_CONSENT,
        mode=HandlingMode.ADMINISTRATIVE,
        office=office,
    )
    consent_requests_open(case=case)
    consent_answer_complainant(
        case_id=case.pk, actor=UserFactory(organisation=case.complaint.filed_by_org), consent=True
    )
    consent_answer_respondent(case_id=case.pk, consent=True, name="Li Wei 李伟")
    manager = UserFactory(organisation=office.organisation, organisation__role=Role.MANAGER)
    case_accept(case_id=case.pk, actor=manager)
    return Case.objects.get(pk=case.pk)


def office_user_of(case: Case) -> User:
    assert case.office is not None
    return UserFactory(organisation=case.office.organisation)


def administrative_case_decided() -> Case:
    case = administrative_case_accepted()
    administrative_decision_issue(
        case_id=case.pk,
        actor=office_user_of(case),
        infringement_established=True,
        reasoning=REASONING,
        measures_ordered="Remove the listings within 3 days.",
    )
    return Case.objects.get(pk=case.pk)


def administrative_case_mediated() -> Case:
    case = administrative_case_accepted()
    official = office_user_of(case)
    session = session_schedule(
        case_id=case.pk,
        actor=official,
        kind=SessionKind.MEDIATION,
        scheduled_for=timezone.now() + timedelta(hours=1),
        location="Room 3, 12 Jianguo Road",
    )
    # The session took place: its time is now in the past.
    CaseSession.objects.filter(pk=session.pk).update(scheduled_for=timezone.now() - timedelta(hours=1))
    mediation_record(session_id=session.pk, actor=official, agreed=True, text=AGREEMENT)
    return Case.objects.get(pk=case.pk)
