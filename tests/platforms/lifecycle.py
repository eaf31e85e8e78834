"""Builders that walk a platform case through the notice-and-takedown steps with the real services."""

from accounts.models import User
from cases.models import Case, CaseStatus, HandlingMode
from cases.services.decisions import listing_decide
from cases.services.notice_and_takedown import counter_notice_file, counter_notice_forward
from platforms.models import DecisionAction, Platform, ReasonCode
from tests.decisions import statement_of
from tests.platforms.helpers import case_on

STATEMENT = "A test purchase showed a counterfeit of the registered mark."


def decided_case(
    platform: Platform,
    staff: User,
    *,
    action: str = DecisionAction.TAKE_DOWN,
    listings: int = 1,
    mode: str = HandlingMode.PLATFORM,
) -> Case:
    case = case_on(platform, listings=listings, mode=mode)
    listing_decide(
        case_id=case.pk,
        listing_ids=list(case.listings.values_list("pk", flat=True)),
        actor=staff,
        action=action,
        reason_code=ReasonCode.COUNTERFEIT
        if action == DecisionAction.TAKE_DOWN
        else ReasonCode.NOT_INFRINGING,
        statement=statement_of(STATEMENT),
    )
    case.refresh_from_db()
    return case


def counter_noticed_case(platform: Platform, staff: User) -> Case:
    case = decided_case(platform, staff)
    counter_notice_file(
        case_id=case.pk,
        respondent_name="Store owner",
        contact_email="owner@seller.example.test",
        statement="The goods are genuine, bought from the brand's distributor.",
        declaration=True,
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.COUNTER_NOTICE_RECEIVED
    return case


def window_open_case(platform: Platform, staff: User) -> Case:
    case = counter_noticed_case(platform, staff)
    counter_notice_forward(case_id=case.pk, actor=staff)
    case.refresh_from_db()
    assert case.status == CaseStatus.WINDOW_OPEN
    return case
