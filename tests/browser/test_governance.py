"""Co-governance in the open: a supervising official drills from a figure to its cases, the public reads a
month's statistics and downloads them, and the register shows a closed case redacted and a withheld one not."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import OrgKind, SupervisingAuthority
from cases.models import Case
from platforms.models import DecisionAction
from tests.aggregates.lifecycle import decide, routed_complaint
from tests.browser.test_journeys import _screenshot
from tests.factories import OrganisationFactory, PlatformFactory, RegionFactory, UserFactory
from transparency.models import WithholdingRequest, WithholdingStatus

browser_db = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _decided_cases(platform, n: int = 6) -> list[Case]:
    staff = UserFactory(organisation=platform.organisation)
    cases = routed_complaint(platform, stores=n)
    for case in cases[:-1]:
        decide(case, staff)
    decide(cases[-1], staff, DecisionAction.REJECT)
    return cases


@browser_db
def test_a_supervising_official_reads_the_dashboard_and_drills_to_the_cases(page, log_in):
    # Given a platform in the authority's province with six decided cases, one of them rejected
    province = RegionFactory()
    platform = PlatformFactory(organisation__name="Province Mall", region=RegionFactory(parent=province))
    cases = _decided_cases(platform)
    org = OrganisationFactory(kind=OrgKind.SUPERVISOR, name="Provincial Bureau")
    SupervisingAuthority.objects.create(organisation=org).regions.set([province])
    log_in(UserFactory(organisation=org))

    # When the official opens the dashboard for this month and follows the rejections figure
    page.goto(f"/supervision/?month={timezone.localdate():%Y-%m}")
    row = page.locator(f"#platform-{platform.pk}")
    expect(row).to_contain_text("Province Mall")
    expect(row.locator('a[data-figure="cases"]')).to_have_text("6")
    _screenshot(page, "supervision-dashboard")
    row.locator('a[data-figure="rejections"]').click()

    # Then the list holds the rejected case only, and its page is read-only
    table = page.locator("#cases-table")
    expect(table.locator("tbody tr")).to_have_count(1)
    table.locator("a").first.click()
    expect(page.locator("h1")).to_contain_text(str(cases[-1].pk))
    expect(page.locator("body")).to_contain_text("Read-only")
    expect(page.locator("main form")).to_have_count(0)  # nothing to act with


@browser_db
def test_the_public_reads_a_months_statistics_and_downloads_them_as_csv(page):
    # Given six decided cases on a platform this month
    _decided_cases(PlatformFactory(organisation__name="Public Mall"))

    # When a visitor chooses the month
    page.goto("/transparency/")
    page.fill("#id_month", f"{timezone.localdate():%Y-%m}")
    page.click("#period-form button[type=submit]")

    # Then the table shows the platform's figures with small counts as a range, and the CSV downloads
    table = page.locator("#statistics-table")
    expect(table).to_contain_text("Public Mall")
    expect(table).to_contain_text("fewer than 5")
    expect(page.locator("svg.chart")).to_be_visible()
    _screenshot(page, "transparency-month")
    with page.expect_download() as download_info:
        page.click("#download-csv")
    text = open(download_info.value.path(), encoding="utf-8").read()
    assert "Public Mall" in text and "section,group,notices,cases" in text


@browser_db
def test_the_register_shows_a_closed_case_redacted_and_not_a_withheld_one(page):
    # Given two rejected cases closed 40 days ago, the second withheld by an operator
    platform = PlatformFactory(organisation__name="Register Mall")
    staff = UserFactory(organisation=platform.organisation)
    published, withheld = routed_complaint(platform), routed_complaint(platform)
    for (case,) in (published, withheld):
        decide(case, staff, DecisionAction.REJECT)
        Case.objects.filter(pk=case.pk).update(closed_at=timezone.now() - timedelta(days=40))
    WithholdingRequest.objects.create(
        case=withheld[0],
        requested_by=withheld[0].complaint.filed_by,
        reason="x",
        status=WithholdingStatus.APPROVED,
    )

    # When a visitor searches the register by the published case's right number
    page.goto("/transparency/register/")
    page.fill("#id_right_number", published[0].complaint.right.registration_number)
    page.click("#register-search button[type=submit]")

    # Then its entry shows the platform and the ground, and no complainant; the withheld one is absent
    entry = page.locator(f"#entry-{published[0].pk}")
    expect(entry).to_contain_text("Register Mall")
    expect(entry).not_to_contain_text(published[0].complaint.filed_by_org.name)
    _screenshot(page, "public-register")
    page.goto("/transparency/register/")
    expect(page.locator(f"#entry-{published[0].pk}")).to_have_count(1)
    expect(page.locator(f"#entry-{withheld[0].pk}")).to_have_count(0)
