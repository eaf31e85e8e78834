"""Notice and takedown in a real chromium: the respondent files a counter-notice; the window expires."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.links import respondent_url
from cases.models import CaseClosure, CaseStatus, CounterNotice
from cases.services.deadlines import deadlines_run
from complaints.models import ListingStatus
from tests.browser.test_journeys import _screenshot
from tests.platforms.lifecycle import STATEMENT, decided_case, window_open_case


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_respondent_files_a_counter_notice_through_the_link(page, platform, platform_user):
    case = decided_case(platform, platform_user)

    page.goto(respondent_url(case))
    expect(page.locator("table.listings")).to_contain_text(STATEMENT)
    # The page also offers a review of the decision, whose form asks for the name too.
    counter_notice = page.locator("form", has=page.get_by_role("button", name="File counter-notice"))
    counter_notice.get_by_label("Your name or your store's name").fill("Li Wei, owner of the store")
    counter_notice.get_by_label("Why the listings do not infringe").fill(
        "The bags are genuine; invoice from the distributor."
    )
    counter_notice.get_by_label("Evidence files").set_input_files(
        files=[
            {"name": "invoice.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 distributor invoice"}
        ]
    )
    counter_notice.get_by_label(re.compile("accurate and made in good faith")).check()
    counter_notice.get_by_role("button", name="File counter-notice").click()

    expect(page.locator("ul.messages")).to_contain_text("Your counter-notice was filed")
    expect(page.locator("#counter-notice")).to_contain_text("invoice.pdf")
    _screenshot(page, "respondent-counter-notice-filed")
    case.refresh_from_db()
    assert case.status == CaseStatus.COUNTER_NOTICE_RECEIVED
    assert CounterNotice.objects.get(case=case).evidence.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_window_expires_and_the_listing_is_restored(page, log_in, platform, platform_user):
    case = window_open_case(platform, platform_user)
    assert case.deadline is not None
    day_after = timezone.make_aware(datetime.combine(case.deadline + timedelta(days=1), time(9)))

    deadlines_run(now=day_after)

    log_in(platform_user)
    page.goto(f"/platform/cases/{case.pk}/")
    expect(page.locator("table.listings")).to_contain_text("Restored")
    expect(page.locator("#closure")).to_contain_text("listings restored")
    page.get_by_role("link", name="Notifications").click()
    expect(page.locator("#notifications")).to_contain_text(str(case.pk))
    _screenshot(page, "platform-window-expired-listing-restored")
    case.refresh_from_db()
    assert (case.status, case.closure) == (CaseStatus.CLOSED, CaseClosure.RESTORED)
    assert case.listings.get().status == ListingStatus.RESTORED
