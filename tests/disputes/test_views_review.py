"""Reviews through the browser pages: the forms on each party's case page, the refusals shown next to their
fields, and the answer by a second moderator."""

import pytest
from django.urls import reverse

from cases.links import respondent_token
from cases.models import CaseStatus, ReviewOutcome
from cases.services.review import review_request_respondent
from complaints.models import ListingStatus
from platforms.models import DecisionAction
from tests.factories import PlatformFactory, UserFactory
from tests.platforms.lifecycle import decided_case

pytestmark = pytest.mark.django_db

REASONS = "The goods are genuine: the invoice from the brand's distributor is attached."
ANSWER = "The invoice matches the batch numbers on the listing photos; the goods are genuine."


@pytest.fixture
def platform():
    return PlatformFactory()


@pytest.fixture
def first_moderator(platform):
    return UserFactory(organisation=platform.organisation)


def test_respondent_link_offers_a_review_and_records_the_request(client, platform, first_moderator) -> None:
    case = decided_case(platform, first_moderator)
    token = respondent_token(case)

    page = client.get(reverse("respondents:case", args=[token]))
    response = client.post(
        reverse("disputes:respondent_review", args=[token]), {"name_given": "Store owner", "reasons": REASONS}
    )

    assert 'id="review"' in page.content.decode() and "Ask for a review" in page.content.decode()
    assert response.status_code == 302
    assert case.reviews.get().name_given == "Store owner"
    after = client.get(reverse("respondents:case", args=[token])).content.decode()
    assert "Waiting for the platform" in after and "Ask for a review" not in after


def test_an_empty_request_is_refused_next_to_its_field(client, platform, first_moderator) -> None:
    case = decided_case(platform, first_moderator)

    response = client.post(reverse("disputes:respondent_review", args=[respondent_token(case)]), {})

    assert response.status_code == 400
    # The review's fields carry their own ids, apart from the counter-notice form's on the same page.
    assert 'id="review_reasons_errors"' in response.content.decode()
    assert not case.reviews.exists()


def test_the_first_decider_sees_no_answer_form_and_a_second_moderator_answers(
    login, client, platform, first_moderator
) -> None:
    case = decided_case(platform, first_moderator)
    review_request_respondent(case_id=case.pk, name_given="Store owner", reasons=REASONS)
    answer_url = reverse("disputes:review_answer", args=[case.pk])

    login(first_moderator)
    first_page = client.get(reverse("platforms:case_detail", args=[case.pk])).content.decode()
    refused = client.post(answer_url, {"outcome": ReviewOutcome.REVERSED, "answer": ANSWER})
    second = UserFactory(organisation=platform.organisation)
    login(second)
    second_page = client.get(reverse("platforms:case_detail", args=[case.pk])).content.decode()
    done = client.post(answer_url, {"outcome": ReviewOutcome.REVERSED, "answer": ANSWER})

    assert 'id="review-other-staff"' in first_page and answer_url not in first_page
    assert refused.status_code == 400 and "another member" in refused.content.decode()
    assert answer_url in second_page
    assert done.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert set(case.listings.values_list("status", flat=True)) == {ListingStatus.RESTORED}


def test_complainant_asks_for_review_of_a_rejection_from_its_case_page(
    login, client, platform, first_moderator
) -> None:
    case = decided_case(platform, first_moderator, action=DecisionAction.REJECT)
    login(UserFactory(organisation=case.complaint.filed_by_org))

    page = client.get(reverse("complaints:case_detail", args=[case.pk])).content.decode()
    response = client.post(reverse("disputes:complainant_review", args=[case.pk]), {"reasons": REASONS})

    assert reverse("disputes:complainant_review", args=[case.pk]) in page
    assert response.status_code == 302
    assert case.reviews.get().party == "complainant"


def test_another_rightsholder_gets_a_404(login, client, platform, first_moderator) -> None:
    case = decided_case(platform, first_moderator, action=DecisionAction.REJECT)
    login(UserFactory(organisation=decided_case(platform, first_moderator).complaint.filed_by_org))

    response = client.post(reverse("disputes:complainant_review", args=[case.pk]), {"reasons": REASONS})

    assert response.status_code == 404
    assert not case.reviews.exists()
