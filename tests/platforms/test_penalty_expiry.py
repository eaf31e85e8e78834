"""Penalty points expire after the window of the platform's policy, and the periodic job gives the store
back its standing; the store page shows the points, when they expire and the cases behind them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from accounts.models import Notification
from audit.models import AuditEntry
from cases.models import CaseClosure, CaseOutcome, CaseStatus, HandlingMode
from cases.services.penalties import penalty_apply, store_points, store_standings_recompute
from cases.tasks import recompute_store_standings
from platforms.models import PenaltyPolicy, PenaltyRecord, StoreStanding
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def _penalised_case(platform, *, days_ago: int, store=None):
    """A case of `store` (a new one by default) upheld `days_ago` days ago, its penalty points applied then."""
    extra = {"store": store} if store is not None else {}
    case = CaseFactory(
        complaint__platform=platform,
        mode=HandlingMode.PLATFORM,
        status=CaseStatus.CLOSED,
        closure=CaseClosure.NO_COUNTER_NOTICE,
        outcome=CaseOutcome.UPHELD,
        **extra,
    )
    record = penalty_apply(case_id=case.pk)
    assert record is not None
    PenaltyRecord.objects.filter(pk=record.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    return case


def test_a_restricted_store_recovers_when_its_points_expire_and_the_job_runs(platform):
    # Given a policy counting points for 30 days and a store restricted by two cases
    PenaltyPolicy.objects.create(
        platform=platform, default_points=2, warn_at=2, restrict_at=4, suspend_at=8, points_window_days=30
    )
    first = _penalised_case(platform, days_ago=0)
    second = _penalised_case(platform, days_ago=0, store=first.store)
    store = first.store
    store.refresh_from_db()
    assert store.standing == StoreStanding.RESTRICTED
    # ... a month ago
    PenaltyRecord.objects.filter(case=first).update(created_at=timezone.now() - timedelta(days=31))
    PenaltyRecord.objects.filter(case=second).update(created_at=timezone.now() - timedelta(days=29))

    # When the periodic job runs (twice): the first case's points expired, the second's still count
    changed = recompute_store_standings()
    again = recompute_store_standings()

    # Then the store is warned (2 points), once, audited, and its platform is told
    store.refresh_from_db()
    assert (changed, again) == (1, 0)
    assert store.standing == StoreStanding.WARNED
    entry = AuditEntry.objects.get(action="standing_recomputed", subject_id=store.pk)
    assert (entry.from_status, entry.to_status) == (StoreStanding.RESTRICTED, StoreStanding.WARNED)
    assert Notification.objects.filter(
        organisation=platform.organisation, url__endswith=f"/stores/{store.pk}/"
    )

    # And once the second case's points expire too, the store is back in good standing
    assert store_standings_recompute(now=timezone.now() + timedelta(days=2)) == 1
    store.refresh_from_db()
    assert store.standing == StoreStanding.GOOD


def test_the_window_is_the_policys_own(platform):
    # Given a point given 100 days ago
    policy = PenaltyPolicy.objects.create(platform=platform, default_points=1)
    case = _penalised_case(platform, days_ago=100)

    # Then it counts under the default 365-day window and not under a 90-day one
    assert policy.points_window_days == 365
    assert store_points(store_id=case.store_id) == 1
    policy.points_window_days = 90
    policy.save()
    assert store_points(store_id=case.store_id) == 0


def test_the_store_page_shows_points_their_expiry_and_the_cases_behind_them(platform, platform_user, login):
    PenaltyPolicy.objects.create(platform=platform, default_points=3, points_window_days=30)
    expired = _penalised_case(platform, days_ago=40)
    counting = _penalised_case(platform, days_ago=10, store=expired.store)

    page = (
        login(platform_user).get(reverse("platforms:store_detail", args=[expired.store_id])).content.decode()
    )

    expires_on = date_format(timezone.localdate() + timedelta(days=20), "DATE_FORMAT")
    assert '<dd id="points">3 ' in page
    assert f"the next expire on {expires_on}" in page
    assert "a point counts for 30 days" in page
    for case in (expired, counting):
        assert reverse("platforms:case_detail", args=[case.pk]) in page
    expired_row = page.split(f'id="penalty-{PenaltyRecord.objects.get(case=expired).pk}"')[1].split("</tr>")[
        0
    ]
    counting_row = page.split(f'id="penalty-{PenaltyRecord.objects.get(case=counting).pk}"')[1].split(
        "</tr>"
    )[0]
    assert "expired" in expired_row and "expired" not in counting_row
