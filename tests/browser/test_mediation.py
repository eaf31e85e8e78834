"""Mediation and arbitration in a real chromium: the respondent proposes mediation through its link, the
complainant accepts, the mediator records a session and a settlement that closes the case; an arbitral
award on the listings is executed by the platform."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Notification
from cases.links import respondent_url
from cases.models import CaseClosure, CaseStatus
from complaints.models import ListingStatus
from disputes.models import DisputeBodyKind
from tests.browser.test_journeys import _screenshot
from tests.disputes.referrals import body_serving, referred, session_held, staff_of
from tests.factories import UserFactory
from tests.platforms.lifecycle import decided_case


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_respondent_proposes_mediation_the_complainant_accepts_and_the_mediator_settles(
    page, log_in, platform, platform_user
):
    case = decided_case(platform, platform_user)
    complainant = UserFactory(organisation=case.complaint.filed_by_org)
    centre = body_serving(case, days=30, name="Tianfu IP Mediation Centre")
    mediator = staff_of(centre)

    page.goto(respondent_url(case))
    referral = page.locator("#dispute-referral")
    expect(referral).to_contain_text("30 working days")
    referral.get_by_label("Your name or your store's name").fill("Li Wei, owner of the store")
    referral.get_by_label("Dispute-resolution body").select_option(str(centre.pk))
    referral.get_by_label("The listings stay as the platform decided").check()
    referral.get_by_label("What you ask of the body").fill("The goods are genuine; let a mediator hear us.")
    referral.get_by_role("button", name="Propose this body").click()
    expect(page.locator("ul.messages")).to_contain_text("Your proposal was sent to the complainant")

    log_in(complainant)
    page.goto(f"/portal/cases/{case.pk}/")
    referral = page.locator("#dispute-referral")
    expect(referral).to_contain_text("let a mediator hear us")
    referral.get_by_label("Accept: take the dispute to this body").check()
    referral.get_by_role("button", name="Send answer").click()
    expect(page.locator("ul.messages")).to_contain_text("Your answer was sent")
    expect(page.locator("#dispute-referral")).to_contain_text("Accepted: at the body")

    log_in(mediator)
    page.goto("/disputes/")
    page.locator(f"#case-{case.pk}").get_by_role("link").click()
    expect(page.locator("#case-file")).to_be_visible()
    session = page.locator("#body-session")
    held = timezone.localtime() - timedelta(hours=1)
    session.get_by_label("Date and time").fill(held.strftime("%Y-%m-%dT%H:%M"))
    session.get_by_label("Held online").check()
    session.get_by_label("Place, or the link to join").fill("https://meet.example.test/room-7")
    session.get_by_label("Notes").fill("Both parties heard; the store agrees to relist only genuine stock.")
    session.get_by_role("button", name="Record the session").click()
    expect(page.locator("ul.messages")).to_contain_text("The session was recorded")
    settlement = page.locator("#body-settlement")
    settlement.get_by_label("Terms of the settlement").fill(
        "The store keeps the listing down and sells only stock bought from the brand's distributor."
    )
    settlement.get_by_role("button", name="Record the settlement").click()
    expect(page.locator("ul.messages")).to_contain_text("The settlement was recorded")
    expect(page.locator("#closure")).to_contain_text("The parties settled")
    _screenshot(page, "mediator-settlement")

    case.refresh_from_db()
    assert (case.status, case.closure) == (CaseStatus.CLOSED, CaseClosure.SETTLED)
    # Written in each recipient's language: read by the English subject every notification carries.
    told = {
        n.organisation_id
        for n in Notification.objects.filter(case_id=case.pk)
        if "settlement" in n.translations["en"]["subject"]
    }
    assert case.complaint.filed_by_org_id in told
    assert any(
        case.store.contact_email in message.to and "settlement" in message.subject for message in mail.outbox
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_arbitral_award_is_executed_by_the_platform(page, log_in, platform, platform_user):
    case = decided_case(platform, platform_user, listings=2)
    complainant = UserFactory(organisation=case.complaint.filed_by_org)
    commission = body_serving(case, kind=DisputeBodyKind.ARBITRATION_COMMISSION, name="Chengdu Arbitration")
    arbitrator = staff_of(commission)
    referred(case, commission, complainant)
    session_held(case, arbitrator)
    first, second = case.listings.order_by("pk")

    log_in(arbitrator)
    page.goto(f"/disputes/body/cases/{case.pk}/")
    award = page.locator("#body-award")
    award.get_by_label("Terms of the award").fill(
        "The first listing infringes the mark; the second does not."
    )
    page.locator(f"#award_listing_{first.pk}").select_option("take_down")
    page.locator(f"#award_listing_{second.pk}").select_option("restore")
    award.get_by_role("button", name="Issue the award").click()
    expect(page.locator("ul.messages")).to_contain_text("The award was issued")

    log_in(platform_user)
    page.goto(f"/platform/cases/{case.pk}/")
    expect(page.locator("#dispute-referral")).to_contain_text("The first listing infringes")
    page.locator("#award-execute").get_by_role("button", name="Execute the award").click()
    expect(page.locator("ul.messages")).to_contain_text("The award was executed")
    expect(page.locator(f"#listing-{second.pk}")).to_contain_text("Restored")
    _screenshot(page, "platform-award-executed")

    case.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert (case.status, case.closure) == (CaseStatus.CLOSED, CaseClosure.AWARD_EXECUTED)
    assert (first.status, second.status) == (ListingStatus.TAKEN_DOWN, ListingStatus.RESTORED)
