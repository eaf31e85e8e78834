"""A store's standing recovers in the platform console once its penalty points expire and the job runs."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.models import CaseClosure, CaseOutcome, CaseStatus, HandlingMode
from cases.services.penalties import penalty_apply
from cases.tasks import recompute_store_standings
from platforms.models import PenaltyPolicy, PenaltyRecord
from tests.browser.test_journeys import _screenshot
from tests.factories import CaseFactory


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_restricted_store_is_back_in_good_standing_after_its_points_expire(
    page, log_in, platform, platform_user
):
    # Given a store restricted by an upheld case whose points counted for 30 days, given 31 days ago
    PenaltyPolicy.objects.create(
        platform=platform, default_points=5, warn_at=2, restrict_at=4, points_window_days=30
    )
    case = CaseFactory(
        complaint__platform=platform,
        mode=HandlingMode.PLATFORM,
        status=CaseStatus.CLOSED,
        closure=CaseClosure.NO_COUNTER_NOTICE,
        outcome=CaseOutcome.UPHELD,
    )
    penalty_apply(case_id=case.pk)
    PenaltyRecord.objects.filter(case=case).update(created_at=timezone.now() - timedelta(days=31))
    log_in(platform_user)
    page.goto(f"/platform/stores/{case.store_id}/")
    expect(page.locator("#standing")).to_contain_text("Restricted")
    expect(page.locator("#points")).to_have_text("0")
    expect(page.locator("#penalties")).to_contain_text("expired")

    # When the periodic job runs
    recompute_store_standings()

    # Then the store page shows it in good standing, with the expired points and the case behind them
    page.reload()
    expect(page.locator("#standing")).to_contain_text("In good standing")
    expect(page.locator("#penalties")).to_contain_text(str(case.pk))
    _screenshot(page, "platform-store-standing-recovered")
