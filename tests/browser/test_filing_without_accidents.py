"""Filing as rightsholders and agents meet it on their first day, in a real chromium: an impatient triple
click, a draft taken apart and put together again, files kept across a validation error, an agency filing
for its client under a letter of authorisation."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import OrgKind
from cases.models import Case, HandlingMode
from complaints.authorisations import authorisation_set_verification
from complaints.models import (
    Authorisation,
    Complaint,
    ComplaintStatus,
    IPRight,
    StagedEvidence,
    VerificationStatus,
)
from complaints.services import ip_right_set_verification
from tests.browser.filing import DECLARATION, fill_complaint, pdf
from tests.browser.held_requests import requests_held
from tests.browser.test_journeys import _screenshot
from tests.factories import IPRightFactory, OrganisationFactory, PlatformFactory, UserFactory

FORM = "/portal/complaints/new/"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_triple_clicked_submit_makes_one_complaint(page, log_in, platform, rightsholder_user, right):
    log_in(rightsholder_user)
    page.goto(FORM)
    fill_complaint(
        page,
        right=right,
        platform=platform,
        description="Counterfeit RiverMark bags sold as genuine.",
        listings="https://shop.example.test/item/1, store-a, Store A",
        files=(pdf("test-buy.pdf"),),
    )
    # The clicks land where the button is: while the page navigates, a locator would wait for it to finish.
    box = page.get_by_role("button", name="Submit", exact=True).bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2

    # The server holds each POST until the next click has sent the form again, as a slow server would: the
    # three are in flight together, and the browser waits for the last one only.
    with requests_held("POST", FORM) as held:
        for clicks in (1, 2, 3):
            page.mouse.click(x, y)
            held.wait_for(clicks)

    expect(page.locator("h1")).to_contain_text("Submitted")
    complaint = Complaint.objects.get()
    expect(page).to_have_url(re.compile(rf"/portal/complaints/{complaint.pk}/$"))
    assert complaint.status == ComplaintStatus.SUBMITTED
    assert complaint.listings.count() == 1 and complaint.evidence.count() == 1
    assert Case.objects.filter(complaint=complaint).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_draft_is_edited_emptied_refilled_and_submitted(page, log_in, platform, rightsholder_user, right):
    other_right = IPRightFactory(owner_org=rightsholder_user.organisation, title="LotusMark")
    other_platform = PlatformFactory(organisation__name="MallStar")
    log_in(rightsholder_user)

    # Saved without the good-faith declaration: the draft is kept, its submission refused with the reason.
    page.goto(FORM)
    fill_complaint(
        page,
        right=right,
        platform=platform,
        description="Bags with the RiverMark logo.",
        listings=(
            "https://shop.example.test/item/1, store-a, Store A\n"
            "https://shop.example.test/item/2, store-a, Store A\n"
            "item-3, store-b, Store B"
        ),
        files=(pdf("first-test-buy.pdf"),),
        declare=False,
    )
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator("ul.messages")).to_contain_text("is saved as a draft")
    complaint = Complaint.objects.get()
    page.locator("#submit").get_by_role("button", name="Submit").click()
    expect(page.locator("ul.messages")).to_contain_text("You must declare in good faith")
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.DRAFT

    # Every field is edited, the declaration given.
    page.get_by_role("link", name="Edit the draft, add listings or files").click()
    expect(page.get_by_label("Description")).to_have_value("Bags with the RiverMark logo.")
    fill_complaint(
        page,
        right=other_right,
        platform=other_platform,
        infringement="trademark",
        description="Shoes bearing the LotusMark logo without licence.",
        administrative=True,
    )
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator("ul.messages")).to_contain_text("is saved as a draft")
    facts = page.locator("dl.facts")
    for shown in (str(other_right), "MallStar", "Shoes bearing the LotusMark logo without licence."):
        expect(facts).to_contain_text(shown)
    complaint.refresh_from_db()
    assert (complaint.right, complaint.platform, complaint.infringement_type) == (
        other_right,
        other_platform,
        "trademark",
    )
    assert complaint.good_faith_declared and complaint.requested_administrative

    # Emptied: store A's listings one by one, store B's all at once, then the evidence.
    for url in ("https://shop.example.test/item/1", "https://shop.example.test/item/2"):
        listing = complaint.listings.get(url=url)
        page.locator(f"#listing-{listing.pk}").get_by_role("button", name="Remove").click()
        expect(page.locator("ul.messages")).to_contain_text("The listing is removed from the draft")
        expect(page.locator(f"#listing-{listing.pk}")).to_have_count(0)
    page.get_by_label("Remove every listing of store").select_option("store-b")
    page.locator("#submit form.inline").filter(has_text="Remove every listing").get_by_role(
        "button", name="Remove"
    ).click()
    expect(page.locator("ul.messages")).to_contain_text("The listings of store store-b are removed")
    expect(page.locator("table.listings")).to_contain_text("No listings.")
    page.locator("#draft-evidence").get_by_role("button", name="Remove").click()
    expect(page.locator("ul.messages")).to_contain_text("The file is removed from the draft")
    expect(page.get_by_text("No evidence files.")).to_be_visible()
    assert not complaint.listings.exists() and not complaint.evidence.exists()

    # Refilled and submitted from the edit form.
    page.get_by_role("link", name="Edit the draft, add listings or files").click()
    expect(page.get_by_label(DECLARATION)).to_be_checked()
    fill_complaint(
        page,
        right=other_right,
        platform=other_platform,
        infringement="trademark",
        description="Shoes bearing the LotusMark logo without licence.",
        listings="https://mall.example.test/item/9, store-c, Store C",
        files=(pdf("second-test-buy.pdf"),),
    )
    page.get_by_role("button", name="Submit", exact=True).click()

    expect(page.locator("ul.messages")).to_contain_text("is submitted")
    expect(page.locator("table.listings")).to_contain_text("store-c")
    _screenshot(page, "rightsholder-draft-refilled-and-submitted")
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.SUBMITTED and not complaint.requested_administrative
    assert list(complaint.listings.values_list("store_ref", flat=True)) == ["store-c"]
    assert list(complaint.evidence.values_list("original_name", flat=True)) == ["second-test-buy.pdf"]
    case = Case.objects.get(complaint=complaint)
    assert (case.platform, case.mode) == (other_platform, HandlingMode.PLATFORM)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_evidence_chosen_before_a_validation_error_is_kept_and_attached(
    page, log_in, platform, rightsholder_user, right
):
    log_in(rightsholder_user)
    page.goto(FORM)
    fill_complaint(
        page,
        right=right,
        platform=platform,
        description="",
        listings="https://shop.example.test/item/1, store-a, Store A",
        files=(pdf("test-buy.pdf", b"%PDF-1.4 the test purchase"), pdf("photo-sheet.pdf")),
    )
    page.get_by_role("button", name="Submit", exact=True).click()

    # The form comes back with the error and both files, each ticked to be kept.
    expect(page.locator("#id_description_errors")).to_contain_text("Describe the infringement.")
    staged = page.locator("#staged-files")
    expect(staged.get_by_label("test-buy.pdf")).to_be_checked()
    expect(staged.get_by_label("photo-sheet.pdf")).to_be_checked()
    assert not Complaint.objects.exists()

    # Corrected without choosing the files again, one of them left out, but without the declaration: the
    # service refuses it, and the file kept is still there.
    staged.get_by_label("photo-sheet.pdf").uncheck()
    page.get_by_label("Description").fill("Counterfeit RiverMark bags sold as genuine.")
    page.get_by_label(DECLARATION).uncheck()
    page.get_by_role("button", name="Submit", exact=True).click()
    expect(page.locator("#id_good_faith_declared_errors")).to_contain_text("You must declare in good faith")
    expect(staged.get_by_label("test-buy.pdf")).to_be_checked()
    expect(staged.get_by_label("photo-sheet.pdf")).to_have_count(0)
    assert not Complaint.objects.exists()

    page.get_by_label(DECLARATION).check()
    page.get_by_role("button", name="Submit", exact=True).click()

    expect(page.locator("ul.messages")).to_contain_text("is submitted")
    with page.expect_download() as download:
        page.get_by_role("link", name="test-buy.pdf").click()
    assert download.value.suggested_filename == "test-buy.pdf"
    assert download.value.path().read_bytes() == b"%PDF-1.4 the test purchase"
    expect(page.get_by_role("link", name="photo-sheet.pdf")).to_have_count(0)
    complaint = Complaint.objects.get()
    assert complaint.status == ComplaintStatus.SUBMITTED
    assert list(complaint.evidence.values_list("original_name", flat=True)) == ["test-buy.pdf"]
    assert not StagedEvidence.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_agency_files_for_its_client_and_the_platform_sees_on_whose_behalf(
    page, log_in, platform, platform_user
):
    agency_user = UserFactory(
        organisation=OrganisationFactory(kind=OrgKind.RIGHTSHOLDER, name="Fast IP Agency")
    )
    operator = UserFactory(is_staff=True)
    today = timezone.localdate()
    log_in(agency_user)

    # The agency registers its client's letter of authorisation; an operator verifies it.
    page.get_by_role("link", name="Authorisations").click()
    page.get_by_role("link", name="Register a letter").click()
    page.get_by_label("Rightsholder").fill("Maison Example SA")
    page.get_by_label("Letter of authorisation").set_input_files(files=[pdf("letter.pdf")])
    page.get_by_label("Valid from").fill((today - timedelta(days=30)).isoformat())
    page.get_by_label("Valid until").fill((today + timedelta(days=300)).isoformat())
    page.get_by_role("button", name="Register").click()
    expect(page.locator("ul.messages")).to_contain_text("The letter from Maison Example SA is registered")
    letter = Authorisation.objects.get()
    authorisation_set_verification(
        authorisation_id=letter.pk, actor=operator, status=VerificationStatus.VERIFIED
    )
    page.reload()
    expect(page.locator(f"#authorisation-{letter.pk}")).to_contain_text("Verified")

    # It registers the client's right under the letter; an operator verifies the right.
    page.get_by_role("link", name="My rights").click()
    page.get_by_role("link", name="Register a right").click()
    page.get_by_label(re.compile("^Type")).select_option("trademark")
    page.get_by_label("Registration number").fill("TM88001234")
    page.get_by_label("Title").fill("Maison")
    page.get_by_label("Owner of record").fill("Maison Example SA")
    page.get_by_label("Valid from").fill((today - timedelta(days=365)).isoformat())
    page.get_by_label("Valid until").fill((today + timedelta(days=3650)).isoformat())
    page.get_by_label("Certificate").set_input_files(files=[pdf("certificate.pdf")])
    page.get_by_label("Letter of authorisation").select_option(label=str(letter))
    page.get_by_role("button", name="Register the right").click()
    expect(page.locator("ul.messages")).to_contain_text("is registered")
    right = IPRight.objects.get()
    assert right.authorisation == letter
    ip_right_set_verification(right_id=right.pk, actor=operator, status=VerificationStatus.VERIFIED)

    # It files on the right.
    page.get_by_role("link", name="File a complaint").first.click()
    fill_complaint(
        page,
        right=right,
        platform=platform,
        description="Counterfeit Maison scarves.",
        listings="https://shop.example.test/item/5, store-m, Scarf Corner",
        files=(pdf("test-buy.pdf"),),
    )
    page.get_by_role("button", name="Submit", exact=True).click()
    expect(page.locator("ul.messages")).to_contain_text("is submitted")
    case = Case.objects.get(complaint__right=right)

    # The platform's case page says who filed for whom.
    page.context.clear_cookies()
    log_in(platform_user)
    page.goto(f"/platform/cases/{case.pk}/")
    expect(page.locator("#complainant")).to_contain_text(
        "Filed by the agency Fast IP Agency on behalf of the rightsholder Maison Example SA"
    )
    _screenshot(page, "platform-case-filed-by-an-agency")
    assert case.complaint.authorisation == letter
