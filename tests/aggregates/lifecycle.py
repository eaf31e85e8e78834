"""Cases routed and decided with the real services, so the daily figures come from the case events."""

from accounts.models import User
from cases.models import Case
from cases.services.decisions import listing_decide
from cases.services.notice_and_takedown import counter_notice_file
from cases.services.review import review_decide, review_request_complainant, review_request_respondent
from cases.services.routing import complaint_route
from complaints.models import ListingStatus, RightType
from platforms.models import DecisionAction, Platform, ReasonCode
from tests.decisions import statement_of
from tests.factories import ComplaintFactory, IPRightFactory, ListingFactory
from tests.platforms.lifecycle import STATEMENT


def routed_complaint(
    platform: Platform, *, stores: int = 1, listings_per_store: int = 1, right_type: str = RightType.TRADEMARK
) -> list[Case]:
    """A submitted complaint on `platform` split into one case per store and routed by the table."""
    complaint = ComplaintFactory(
        platform=platform, status="submitted", right=IPRightFactory(right_type=right_type)
    )
    for store in range(stores):
        ListingFactory.create_batch(listings_per_store, complaint=complaint, store_ref=f"shop-{store}")
    complaint_route(complaint_id=complaint.pk)
    return list(Case.objects.filter(complaint=complaint).order_by("pk"))


def decide(case: Case, staff, action: str = DecisionAction.TAKE_DOWN) -> None:
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


def counter_notice(case: Case) -> None:
    counter_notice_file(
        case_id=case.pk,
        respondent_name="Store owner",
        contact_email="owner@seller.example.test",
        statement="The goods are genuine, bought from the brand's distributor.",
        declaration=True,
    )


def reviewed(case: Case, answerer: User, outcome: str) -> None:
    """The review of the decision on `case` asked by the party it went against (the respondent against a
    measure, the complainant against a rejection), then answered by `answerer`."""
    if case.listings.filter(status=ListingStatus.TAKEN_DOWN).exists():
        review_request_respondent(case_id=case.pk, name_given="Store owner", reasons="The goods are genuine.")
    else:
        review_request_complainant(
            case_id=case.pk, actor=case.complaint.filed_by, reasons="The listing is a counterfeit."
        )
    review_decide(
        case_id=case.pk,
        actor=answerer,
        outcome=outcome,
        answer="Reviewed by someone other than the first decider.",
        reason_code=ReasonCode.COUNTERFEIT,
    )
