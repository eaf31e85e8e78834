"""The core journey of each kind of user, in a real chromium."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from cases.models import Case, CaseStatus, HandlingMode, OpinionOutcome
from complaints.models import Complaint, RightType
from tests.factories import CaseFactory, IPRightFactory, OfficeFactory, UserFactory

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_rightsholder_files_a_complaint_and_sees_its_cases_routed(page, log_in, platform, rightsholder_user):
    right = IPRightFactory(
        owner_org=rightsholder_user.organisation, right_type=RightType.TRADEMARK, title="RiverMark"
    )
    log_in(rightsholder_user)

    page.get_by_role("link", name="File a complaint").first.click()
    page.get_by_label("Right relied on").select_option(label=str(right))
    page.get_by_label("Platform").select_option(label=platform.name)
    page.get_by_label("Infringement type").select_option("counterfeit")
    page.get_by_label("Description").fill("Counterfeit RiverMark bags sold as genuine.")
    page.get_by_label("Listings").fill(
        "https://shop.example.test/item/1, store-a, Store A\nhttps://shop.example.test/item/2, store-b, Store B"
    )
    page.get_by_label("Evidence files").set_input_files(
        files=[{"name": "test-buy.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 test purchase"}]
    )
    page.get_by_label(re.compile("good faith", re.I)).check()
    page.get_by_role("button", name="Submit").click()

    expect(page.locator("ul.messages")).to_contain_text(re.compile("submitted", re.I))
    expect(page.get_by_text("Platform handling").first).to_be_visible()
    _screenshot(page, "rightsholder-complaint-submitted")
    complaint = Complaint.objects.get(right=right)
    assert complaint.status == "submitted"
    assert sorted(Case.objects.filter(complaint=complaint).values_list("mode", flat=True)) == [
        "platform",
        "platform",
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_platform_staff_take_a_listing_down(page, log_in, platform, platform_user):
    case = CaseFactory(
        platform=platform,
        complaint__platform=platform,
        status=CaseStatus.AWAITING_PLATFORM,
        mode=HandlingMode.PLATFORM,
    )
    log_in(platform_user)

    page.locator(f"#case-{case.pk} a").click()
    page.locator("#decide").get_by_label(
        case.listings.get().listing_ref
    ).check()  # nothing is ticked beforehand
    page.get_by_label("Take down").check()
    page.get_by_label(re.compile(r"^Reason")).select_option("counterfeit")
    page.get_by_label("Facts and reasons relied on").fill(
        "Test purchase showed a counterfeit of the registered mark."
    )
    page.get_by_role("button", name="Record decision").click()

    expect(page.locator("ul.messages")).to_contain_text("Decision recorded")
    expect(page.locator("table.listings")).to_contain_text("Taken down")
    _screenshot(page, "platform-listing-taken-down")
    case.refresh_from_db()
    assert (case.status, case.outcome) == (CaseStatus.NOTICE_FORWARDED, "upheld")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_official_issues_a_determination_opinion(page, log_in):
    office = OfficeFactory()
    official = UserFactory(organisation=office.organisation)
    case = CaseFactory(status=CaseStatus.AWAITING_OPINION, mode=HandlingMode.ASSISTED, office=office)
    log_in(official)

    page.get_by_role("link", name=re.compile(rf"\b{case.pk}\b")).first.click()
    page.get_by_label("Infringing", exact=True).check()
    page.get_by_label("Reasoning").fill("Claims 1-3 read on the product; every feature is present.")
    page.get_by_role("button", name="Issue opinion").click()

    expect(page.locator("#opinion")).to_contain_text("Infringing")
    _screenshot(page, "office-opinion-issued")
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_PLATFORM
    assert case.opinion.outcome == OpinionOutcome.INFRINGING
