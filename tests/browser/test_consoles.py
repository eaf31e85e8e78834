"""Offices working together and overrides with a record, in a real chromium: a transfer answered after
reading the case, a re-route with its reason in the history, and a routing-rule change tried before saving."""

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from accounts.models import Role
from cases.models import Case, CaseStatus, HandlingMode, RequestStatus, RoutingRule
from cases.services.cooperation import transfer_request
from cases.services.routing import complaint_route
from complaints.models import RightType
from tests.browser.test_journeys import _screenshot
from tests.factories import (
    CaseFactory,
    ComplaintFactory,
    IPRightFactory,
    ListingFactory,
    OfficeFactory,
    PlatformFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _routed(office, right_type: str) -> Case:
    platform = PlatformFactory()
    office.regions.add(platform.region)
    complaint = ComplaintFactory(
        status="submitted", platform=platform, right=IPRightFactory(right_type=right_type)
    )
    ListingFactory(complaint=complaint)
    complaint_route(complaint_id=complaint.pk)
    return Case.objects.get(complaint=complaint)


def test_a_transfer_is_answered_after_reading_the_case_and_its_proof(page, log_in):
    asking, asked = OfficeFactory(), OfficeFactory()
    right = IPRightFactory(evaluation_report=ContentFile(b"%PDF-1.4 evaluation", name="evaluation.pdf"))
    case = CaseFactory(
        complaint__right=right, status=CaseStatus.AWAITING_OPINION, mode=HandlingMode.ASSISTED, office=asking
    )
    transfer = transfer_request(
        case_id=case.pk,
        actor=UserFactory(organisation=asking.organisation),
        to_office_id=asked.pk,
        reason="The store trades from your region.",
    )
    official = UserFactory(organisation=asked.organisation)

    log_in(official)
    page.goto("/office/dashboard/")
    entry = page.locator(f"#incoming-transfer-{transfer.pk}")
    entry.get_by_role("link", name="Read the case and its proof").click()
    expect(page.locator("#read-only")).to_be_visible()
    expect(page.get_by_role("link", name="Patent evaluation report")).to_be_visible()
    expect(page.locator("#opinion-form")).to_have_count(0)
    _screenshot(page, "transfer-read-only-case")
    page.get_by_role("link", name="Dashboard").first.click()
    entry = page.locator(f"#incoming-transfer-{transfer.pk}")
    entry.get_by_label("Accept the case").check()
    entry.get_by_role("button", name="Answer").click()

    expect(page.locator("ul.messages")).to_contain_text("Transfer answered")
    expect(page.locator("#opinion-form")).to_be_visible()
    transfer.refresh_from_db()
    case.refresh_from_db()
    assert (transfer.status, case.office) == (RequestStatus.ACCEPTED, asked)


def test_a_manager_reroutes_a_case_and_the_reason_stays_in_its_history(page, log_in):
    office = OfficeFactory()
    manager = UserFactory(
        organisation=office.organisation, organisation__role=Role.MANAGER, first_name="Min", last_name="Yang"
    )
    case = _routed(office, RightType.DESIGN_PATENT)
    assert case.mode == HandlingMode.ASSISTED

    log_in(manager)
    page.goto(f"/office/cases/{case.pk}/")
    page.locator("#reroute summary").click()
    page.locator("#reroute").get_by_label("Handling mode").select_option("platform")
    page.locator("#reroute").get_by_label("Reason for re-routing (the parties are told)").fill(
        "The design is copied outright: the platform can decide without an opinion."
    )
    page.locator("#reroute").get_by_role("button", name="Re-route").click()

    expect(page.locator("ul.messages")).to_contain_text("Case re-routed")
    history = page.locator("#routing-history")
    expect(history).to_contain_text("Re-routed by hand")
    expect(history).to_contain_text("The design is copied outright")
    expect(history).to_contain_text(f"Min Yang ({office.organisation.name})")
    _screenshot(page, "reroute-history")
    case.refresh_from_db()
    assert (case.mode, case.status) == (HandlingMode.PLATFORM, CaseStatus.AWAITING_PLATFORM)


def test_a_routing_rule_change_shows_its_dry_run_before_it_is_saved(page, log_in, settings):
    settings.DEBUG = (
        True  # with DEBUG off an operator must give a second factor first (test_second_factor.py)
    )
    office = OfficeFactory()
    for _ in range(2):
        _routed(office, RightType.TRADEMARK)
    operator = UserFactory(is_staff=True, is_superuser=True)
    rule = RoutingRule.objects.get(position=40)

    log_in(operator)
    page.goto(f"/admin/cases/routingrule/{rule.pk}/change/")
    page.get_by_label("Handling mode").select_option("assisted")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator("#preview-summary")).to_contain_text(
        "2 of the last 2 routed cases would now go to another mode"
    )
    expect(page.locator("#preview-examples tbody tr")).to_have_count(2)
    _screenshot(page, "routing-rule-dry-run")
    rule.refresh_from_db()
    assert rule.mode == HandlingMode.PLATFORM
    page.get_by_role("button", name="Save the change").click()

    expect(page.locator("ul.messagelist")).to_contain_text("was changed successfully")
    rule.refresh_from_db()
    assert rule.mode == HandlingMode.ASSISTED
