import pytest
from django.core.exceptions import ValidationError

from cases.models import ListingDecision
from cases.services.decisions import listing_decide
from complaints.models import ListingStatus
from platforms.models import DecisionAction, ReasonCode
from tests.decisions import statement_of
from tests.platforms.helpers import case_on

pytestmark = pytest.mark.django_db


def test_second_decision_on_the_same_listing_is_a_readable_conflict(platform, platform_user):
    # given a case with two listings, so the first decision leaves the case open
    case = case_on(platform, listings=2)
    listing = case.listings.order_by("pk")[0]
    listing_decide(
        case_id=case.pk,
        listing_ids=[listing.pk],
        actor=platform_user,
        action=DecisionAction.TAKE_DOWN,
        reason_code=ReasonCode.COUNTERFEIT,
        statement=statement_of(),
    )

    # when a second decision arrives for the same listing
    with pytest.raises(ValidationError) as excinfo:
        listing_decide(
            case_id=case.pk,
            listing_ids=[listing.pk],
            actor=platform_user,
            action=DecisionAction.REJECT,
            reason_code=ReasonCode.NOT_INFRINGING,
            statement=statement_of("The goods are genuine: bought from the brand's own distributor."),
        )

    # then it is refused as a conflict and the first decision stands
    assert excinfo.value.code == "conflict"
    assert "Already decided by someone else" in excinfo.value.messages[0]
    listing.refresh_from_db()
    assert listing.status == ListingStatus.TAKEN_DOWN
    assert ListingDecision.objects.filter(listing=listing).count() == 1
