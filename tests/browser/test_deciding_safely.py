"""A moderator decides in a real chromium: nothing ticked beforehand, several listings confirmed by name, a
reason of the other decision refused next to its field."""

import re

import pytest
from playwright.sync_api import expect

from cases.models import CaseStatus, ListingDecision
from complaints.models import ListingStatus
from tests.browser.test_journeys import _screenshot
from tests.platforms.helpers import case_on

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FACTS = "The test purchase from this listing arrived with a copied RiverMark logo and no licence."


def test_a_moderator_decides_one_listing_of_two_without_touching_the_other(
    page, log_in, platform, platform_user
):
    # given a case with two pending listings
    case = case_on(platform, listings=2)
    first, second = case.listings.order_by("pk")
    log_in(platform_user)
    page.goto(f"/platform/cases/{case.pk}/")
    decide = page.locator("#decide")

    # nothing is ticked beforehand, and choosing the decision fills in the platform's standard wording
    expect(decide.get_by_label(first.listing_ref)).not_to_be_checked()
    expect(decide.get_by_label(second.listing_ref)).not_to_be_checked()
    decide.get_by_label("Take down").check()
    expect(decide.get_by_label("Measure, its scope and duration")).to_have_value(
        re.compile("^The listing is removed")
    )
    decide.get_by_label(re.compile(r"^Reason")).select_option("counterfeit")
    decide.get_by_label("Facts and reasons relied on").fill(FACTS)

    # ticking both asks for a confirmation that names them and their count
    decide.get_by_label(first.listing_ref).check()
    decide.get_by_label(second.listing_ref).check()
    page.get_by_role("button", name="Record decision").click()
    confirmation = page.locator("#confirm-decision")
    expect(confirmation).to_contain_text(first.listing_ref)
    expect(confirmation).to_contain_text(second.listing_ref)
    expect(confirmation).to_contain_text("Yes, decide these 2 listings")
    assert not ListingDecision.objects.exists()
    _screenshot(page, "platform-decision-confirm-two-listings")

    # the moderator keeps only the first and decides it
    page.locator("#decide").get_by_label(second.listing_ref).uncheck()
    page.get_by_role("button", name="Record decision").click()

    expect(page.locator("ul.messages")).to_contain_text("Decision recorded for 1 listing.")
    expect(page.locator(f"#listing-{first.pk}")).to_contain_text("Taken down")
    expect(page.locator(f"#listing-{first.pk}")).to_contain_text(FACTS)
    expect(page.locator(f"#listing-{second.pk}")).to_contain_text("Awaiting decision")
    _screenshot(page, "platform-one-listing-of-two-decided")
    first.refresh_from_db()
    second.refresh_from_db()
    case.refresh_from_db()
    assert (first.status, second.status) == (ListingStatus.TAKEN_DOWN, ListingStatus.PENDING)
    assert case.status == CaseStatus.AWAITING_PLATFORM


def test_a_rejection_with_a_measure_reason_is_refused(page, log_in, platform, platform_user):
    # given a case with one pending listing
    case = case_on(platform)
    listing = case.listings.get()
    log_in(platform_user)
    page.goto(f"/platform/cases/{case.pk}/")
    decide = page.locator("#decide")

    # when the moderator rejects the notice giving "Counterfeit goods" as the reason
    decide.get_by_label(listing.listing_ref).check()
    decide.get_by_label("Reject").check()
    decide.get_by_label(re.compile(r"^Reason")).select_option("counterfeit")
    decide.get_by_label("Facts and reasons relied on").fill(FACTS)
    page.get_by_role("button", name="Record decision").click()

    # then the reason is refused next to its field and the listing stays pending
    expect(page.locator("#id_reason_code_errors")).to_contain_text(
        "“Counterfeit goods” is a reason to take measures, not to reject. Choose a reason to reject."
    )
    _screenshot(page, "platform-mismatched-reason-refused")
    listing.refresh_from_db()
    assert listing.status == ListingStatus.PENDING
    assert not ListingDecision.objects.exists()
