"""The good-faith programme puts an accurate filer's next case first; a filer filing unfounded notices is
warned, then suspended, and contests the suspension before a person."""

import pytest
from playwright.sync_api import expect

from accounts.models import OrgKind, Role
from cases.services.routing import case_route
from programmes.tasks import evaluate_good_faith
from tests.browser.test_journeys import _screenshot
from tests.factories import CaseFactory, IPRightFactory, OrganisationFactory, UserFactory
from tests.programmes.good_faith_cases import decided_case, open_case


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_filer_joins_the_good_faith_programme_and_its_next_case_comes_first(
    page, log_in, platform, platform_user, rightsholder_user
):
    # Given an accurate filer (20 of 20 listings upheld) and another filer's case already in the queue
    filer = rightsholder_user.organisation
    decided_case(filer=filer, platform=platform, upheld=20)
    other = open_case(filer=OrganisationFactory(kind=OrgKind.RIGHTSHOLDER), platform=platform)

    # When the periodic job runs
    evaluate_good_faith()

    # Then the filer sees it is a member, with its figures
    log_in(rightsholder_user)
    page.goto("/portal/")
    standing = page.locator("#good-faith .good-faith-standing")
    expect(standing).to_contain_text("Member since")
    expect(standing).to_contain_text("100%")
    _screenshot(page, "rightsholder-good-faith-member")

    # When its next case is routed with the same deadline as the other filer's
    new = CaseFactory(complaint__right=IPRightFactory(owner_org=filer), complaint__platform=platform)
    routed = case_route(case_id=new.pk)
    type(routed).objects.filter(pk=routed.pk).update(deadline=other.deadline)

    # Then it comes first in the platform's queue, flagged
    page.context.clear_cookies()
    log_in(platform_user)
    page.goto("/platform/")
    rows = page.locator("tbody tr")
    expect(rows.first).to_have_id(f"case-{routed.pk}")
    expect(rows.first).to_contain_text("Good faith")
    expect(page.locator(f"#case-{other.pk}")).to_be_visible()
    _screenshot(page, "platform-queue-good-faith-first")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_warning_then_a_suspension_then_a_contest_decided_by_a_manager(
    page, log_in, platform, rightsholder_user
):
    # Given a filer with 6 rejected notices out of 6 on the platform, and the platform's manager
    filer = rightsholder_user.organisation
    for _ in range(6):
        decided_case(filer=filer, platform=platform, rejected=1)
    manager = UserFactory(organisation=platform.organisation, organisation__role=Role.MANAGER)

    # When the manager reads the suggestions and warns the filer, the factors prefilled
    log_in(manager)
    page.goto("/platform/bad-faith/")
    suggestion = page.locator("#suggestions .suggestion")
    expect(suggestion).to_contain_text(filer.name)
    expect(suggestion).to_contain_text("100%")
    suggestion.get_by_role("link", name="Decide").click()
    expect(page.locator("#factors")).to_contain_text("6")
    page.get_by_label("Step").select_option("warning")
    page.get_by_label("Reasons (the filer reads them)").fill(
        "Every notice was rejected: no infringement shown."
    )
    page.get_by_role("button", name="Record the step").click()
    expect(page.locator("#steps")).to_contain_text("Warning")

    # And then suspends its filing for 30 days
    page.goto(f"/platform/bad-faith/filers/{filer.pk}/")
    page.get_by_label("Step").select_option("suspension")
    page.get_by_label("Gravity").select_option("high")
    page.get_by_label("Reasons (the filer reads them)").fill("Unfounded notices continued after the warning.")
    page.get_by_label("Suspend for (days)").fill("30")
    page.get_by_role("button", name="Record the step").click()
    expect(page.locator("#steps")).to_contain_text("Suspension of filing")

    # Then the filer reads both steps with their reasons and contests the suspension
    page.context.clear_cookies()
    log_in(rightsholder_user)
    page.goto("/portal/")
    steps = page.locator("#bad-faith-steps")
    expect(steps).to_contain_text("Unfounded notices continued after the warning.")
    expect(steps).to_contain_text("6 of 6 decided notices unfounded")
    suspension = steps.locator(".bad-faith-step").first
    suspension.get_by_label("Why the step is wrong").fill("The rejected listings were counterfeit.")
    suspension.get_by_role("button", name="Contest").click()
    expect(page.locator("#bad-faith-steps .bad-faith-step").first).to_contain_text("awaits a decision")
    _screenshot(page, "rightsholder-bad-faith-contested")

    # When the manager overturns the suspension
    page.context.clear_cookies()
    log_in(manager)
    page.goto("/platform/bad-faith/")
    contested = page.locator("#steps .bad-faith-step").first
    contested.get_by_label("Decision").select_option("overturned")
    contested.get_by_label("Reason (the filer reads it)").fill("The listings were counterfeit after all.")
    contested.get_by_role("button", name="Decide the contest").click()

    # Then the filer reads the outcome and may file again
    page.context.clear_cookies()
    log_in(rightsholder_user)
    page.goto("/portal/")
    expect(page.locator("#bad-faith-steps .bad-faith-step").first).to_contain_text("Overturned")
    expect(page.locator("#bad-faith-steps")).to_contain_text("The listings were counterfeit after all.")
