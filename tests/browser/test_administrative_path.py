"""Rapid administrative handling in a real chromium: both parties consent, mediation fails, the office
decides, the platform executes and confirms, the case closes."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Role
from cases.links import respondent_url
from cases.models import CaseClosure, CaseStatus, ConsentStatus, MediationResult
from complaints.models import ListingStatus
from tests.browser.test_journeys import _screenshot
from tests.enforcement.admin_helpers import routed_administrative_case
from tests.factories import OfficeFactory, UserFactory


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_administrative_path_consent_mediation_fails_decision_execution(page, log_in):
    office = OfficeFactory()
    manager = UserFactory(organisation=office.organisation, organisation__role=Role.MANAGER)
    case = routed_administrative_case(requested=False, office=office)
    platform_user = UserFactory(organisation=case.platform.organisation)
    assert case.status == CaseStatus.AWAITING_CONSENT

    # The complainant consents in the portal.
    log_in(case.complaint.filed_by)
    page.goto(f"/portal/cases/{case.pk}/")
    page.get_by_label("I consent").check()
    page.get_by_role("button", name="Send answer").click()
    expect(page.locator("ul.messages")).to_contain_text("Your answer was recorded")
    expect(page.locator("#consent-complainant")).to_contain_text("Consent given")

    # The respondent consents on its signed link, without an account.
    page.context.clear_cookies()
    page.goto(respondent_url(case))
    page.get_by_label("Your name or your store's name").fill("Li Wei, owner of the store")
    page.get_by_label("I consent").check()
    page.get_by_role("button", name="Send answer").click()
    expect(page.locator("#consent-answer")).to_contain_text("Consent given")
    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_ACCEPTANCE

    # The office's manager accepts, assigns the suggested official and schedules a mediation.
    page.context.clear_cookies()
    log_in(manager)
    page.goto(f"/office/cases/{case.pk}/")
    page.get_by_role("button", name="Accept the case").click()
    expect(page.locator("ul.messages")).to_contain_text("Case accepted")
    page.get_by_role("button", name="Assign").click()
    expect(page.locator("#assignments")).to_contain_text(manager.username)
    when = timezone.localtime(timezone.now() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    page.get_by_label("Kind").select_option("mediation")
    page.get_by_label("Date and time").fill(when)
    page.get_by_label("Place or how to join").fill("Mediation room 2")
    page.get_by_role("button", name="Schedule").click()
    expect(page.locator("#sessions")).to_contain_text("Mediation room 2")

    # Three days later the session has taken place (a result cannot be recorded before it starts).
    case.sessions.update(scheduled_for=timezone.now() - timedelta(hours=1))
    page.reload()

    # Mediation fails; the office issues its decision.
    page.get_by_role("radio", name="Mediation failed").check()
    page.get_by_label("Terms of the agreement, or why mediation failed").fill(
        "The seller denies any copying."
    )
    page.get_by_role("button", name="Record result").click()
    expect(page.locator("#sessions")).to_contain_text("Mediation failed")
    page.locator("#decision-form").get_by_label("Yes").check()
    page.get_by_label("Measures ordered").fill("Remove the listing and keep it down.")
    page.locator("#decision-form").get_by_label("Reasoning").fill(
        "The goods bear an identical mark without licence."
    )
    page.get_by_role("button", name="Issue decision").click()
    expect(page.locator("ul.messages")).to_contain_text("Decision issued")
    _screenshot(page, "office-administrative-decision-issued")

    # The platform executes the decision and confirms; the case closes.
    page.context.clear_cookies()
    log_in(platform_user)
    page.goto(f"/platform/cases/{case.pk}/")
    page.locator("#decide").get_by_label(
        case.listings.get().listing_ref
    ).check()  # nothing is ticked beforehand
    page.get_by_label("Take down").check()
    page.get_by_label(re.compile(r"^Reason")).select_option("counterfeit")
    page.get_by_label("Facts and reasons relied on").fill("Executing the office's decision.")
    page.get_by_role("button", name="Record decision").click()
    page.get_by_role("button", name="Confirm execution").click()
    expect(page.locator("ul.messages")).to_contain_text("Execution confirmed")
    _screenshot(page, "platform-administrative-decision-executed")

    case.refresh_from_db()
    assert (case.status, case.closure) == (CaseStatus.CLOSED, CaseClosure.EXECUTED)
    assert set(case.consents.values_list("status", flat=True)) == {ConsentStatus.GIVEN}
    assert case.sessions.get().result == MediationResult.FAILED
    assert case.listings.get().status == ListingStatus.TAKEN_DOWN
    assert case.assignments.get().official == manager
