"""Internal review of a platform's decision in a real chromium: the respondent asks for review of a takedown
through its link, and a second moderator lifts the measure."""

import pytest
from playwright.sync_api import expect

from cases.links import respondent_url
from cases.models import CaseClosure, CaseStatus
from complaints.models import ListingStatus
from tests.browser.test_journeys import _screenshot
from tests.factories import UserFactory
from tests.platforms.lifecycle import decided_case


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_respondent_asks_for_review_and_a_second_moderator_lifts_the_measure(
    page, log_in, platform, platform_user
):
    case = decided_case(platform, platform_user)
    second_moderator = UserFactory(organisation=platform.organisation)

    page.goto(respondent_url(case))
    review = page.locator("#review")
    review.get_by_label("Your name or your store's name").fill("Li Wei, owner of the store")
    review.get_by_label("Why the decision should be reviewed").fill(
        "The bags are genuine; the distributor's invoice names the batch."
    )
    review.get_by_label("Evidence file").set_input_files(
        files=[{"name": "invoice.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 invoice"}]
    )
    review.get_by_role("button", name="Ask for a review").click()
    expect(page.locator("ul.messages")).to_contain_text("Your request for a review was sent")
    expect(page.locator("#review")).to_contain_text("invoice.pdf")

    log_in(platform_user)
    page.goto(f"/platform/cases/{case.pk}/")
    expect(page.locator("#review-other-staff")).to_be_visible()

    log_in(second_moderator)
    page.goto(f"/platform/cases/{case.pk}/")
    review = page.locator("#review")
    review.get_by_label("The decision is reversed").check()
    review.get_by_label("Reasons for the answer").fill(
        "The invoice matches the batch numbers in the listing photos: the goods are genuine."
    )
    review.get_by_role("button", name="Answer the review").click()

    expect(page.locator("ul.messages")).to_contain_text("The review was answered")
    expect(page.locator("table.listings")).to_contain_text("Restored")
    expect(page.locator("#review")).to_contain_text("mediation")
    _screenshot(page, "platform-review-measure-lifted")
    page.goto(respondent_url(case))
    expect(page.locator("#review")).to_contain_text("The decision is reversed")
    case.refresh_from_db()
    assert (case.status, case.closure) == (CaseStatus.CLOSED, CaseClosure.REVIEW_REVERSED)
    assert set(case.listings.values_list("status", flat=True)) == {ListingStatus.RESTORED}
