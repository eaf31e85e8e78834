"""A moderator finds one case by its listing URL among 10,000 on the platform, and takes every case of a
filtered queue into a bulk decision, in a real chromium."""

import re

import pytest
from django.db import connection
from playwright.sync_api import expect

from cases.models import Case, CaseStatus, HandlingMode
from complaints.models import ComplaintStatus
from platforms.models import Platform
from tests.browser.test_journeys import _screenshot
from tests.factories import ComplaintFactory
from tests.platforms.helpers import case_on

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CASES = 10_000
NEEDLE = "https://mall.example.test/item/needle-424242.html"


def _load_cases(platform: Platform, count: int) -> None:
    """`count` routed cases awaiting the platform, one store and one listing each, spread over 100
    submitted complaints, every second one assisted: inserted set-based, in three statements."""
    complaints = [
        ComplaintFactory(platform=platform, status=ComplaintStatus.SUBMITTED).pk for _ in range(100)
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO platforms_store (external_id, name, contact_email, platform_id, standing, language)"
            " SELECT 'bulk-store-' || g, 'Bulk shop ' || g, '', %s, 'good', '' FROM generate_series(1, %s) g",
            [platform.pk, count],
        )
        cursor.execute(
            "INSERT INTO enforcement_case (status, mode, routing_reason, created_at, outcome, complaint_id,"
            " complainant_org_id, platform_id, store_id, closure, follow_up_reference, fallback_reason, deadline,"
            " listing_count)"
            " SELECT 'awaiting_platform', CASE WHEN s.id %% 2 = 0 THEN 'assisted' ELSE 'platform' END, '', now(),"
            " '', k.id, k.filed_by_org_id, s.platform_id, s.id, '', '', '', current_date + 3, 1"
            " FROM platforms_store s JOIN complaints_complaint k ON k.id = (%s::bigint[])[1 + s.id %% 100]"
            " WHERE s.platform_id = %s AND s.external_id LIKE 'bulk-store-%%'",
            [complaints, platform.pk],
        )
        cursor.execute(
            "INSERT INTO complaints_listing (url, listing_ref, store_ref, store_name, status, complaint_id,"
            " store_email, store_language, store_id, case_id)"
            " SELECT 'https://mall.example.test/item/' || c.id || '.html', 'item-' || c.id, 'bulk-store-' || c.store_id,"
            " '', 'pending', c.complaint_id, '', '', c.store_id, c.id FROM enforcement_case c"
            " WHERE c.platform_id = %s AND NOT EXISTS (SELECT 1 FROM complaints_listing l WHERE l.case_id = c.id)",
            [platform.pk],
        )


def test_a_moderator_finds_a_case_by_listing_url_among_ten_thousand(page, log_in, platform, platform_user):
    # given 10,000 cases on the platform and one whose listing is at the URL the moderator was sent
    _load_cases(platform, CASES)
    wanted = case_on(platform)
    wanted.listings.update(url=NEEDLE)
    assert Case.objects.filter(platform=platform).count() == CASES + 1
    log_in(platform_user)
    page.goto("/platform/")
    expect(page.locator("#list-count")).to_contain_text("More than 10,000 cases")

    # when the moderator pastes the URL into the search
    page.get_by_label("Search").fill(NEEDLE)
    page.get_by_role("button", name="Filter").click()

    # then exactly that case is listed, and it opens
    expect(page.locator("#list-count")).to_contain_text("1 case")
    expect(page.locator("table.queue tbody tr")).to_have_count(1)
    _screenshot(page, "platform-queue-found-by-listing-url")
    page.locator(f"#case-{wanted.pk}").get_by_role("link", name=str(wanted.pk)).click()
    expect(page).to_have_url(re.compile(rf"/platform/cases/{wanted.pk}/$"))


def test_a_moderator_selects_every_case_of_a_filtered_queue(page, log_in, platform, platform_user):
    # given 300 cases awaiting the platform, half of them assisted
    _load_cases(platform, 300)
    log_in(platform_user)

    # when the queue is filtered to assisted cases awaiting a decision
    page.goto(f"/platform/?mode={HandlingMode.ASSISTED}&status={CaseStatus.AWAITING_PLATFORM}")
    expect(page.locator("#list-count")).to_contain_text("150 cases")

    # the header box ticks the page's 25, and "all matching" takes all 150 into the bulk decision
    page.get_by_label("Select every case on this page").check()
    expect(page.locator('input[name="cases"]:checked')).to_have_count(25)
    page.get_by_label("Select all 150 matching cases").check()
    page.get_by_role("button", name="Decide selected cases…").click()

    # then the decision page names the 150 assisted cases it took, and only those
    confirmation = page.locator("#confirm-decision")
    expect(confirmation).to_contain_text("Yes, decide these 150 cases")
    _screenshot(page, "platform-bulk-decision-all-matching")
    named = {int(number) for number in re.findall(r"(\d+) · Bulk shop", confirmation.inner_text())}
    assisted = set(
        Case.objects.filter(platform=platform, mode=HandlingMode.ASSISTED).values_list("pk", flat=True)
    )
    assert named == assisted
