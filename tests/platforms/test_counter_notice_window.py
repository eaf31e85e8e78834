"""E-Commerce Law art. 43: after a counter-notice the complainant has 15 days, counted as calendar days,
unless the platform sets otherwise; the case says how its deadline is counted."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from enforcement.working_days import add_days, is_working_day
from iprgov.day_count import DayCount
from tests.api.conftest import token_client
from tests.platforms.lifecycle import counter_noticed_case, window_open_case

pytestmark = pytest.mark.django_db


def test_the_complainant_has_15_calendar_days_after_a_counter_notice(platform, platform_user, login):
    # Given a platform with the law's default window
    assert (platform.counter_notice_window_days, platform.counter_notice_window_counts) == (
        15,
        DayCount.CALENDAR,
    )

    # When the platform forwards a counter-notice today
    case = window_open_case(platform, platform_user)

    # Then the window ends 15 calendar days from today (the next working day if that one is a holiday)
    fifteen_days = timezone.localdate() + timedelta(days=15)
    assert case.deadline == add_days(timezone.localdate(), 15, DayCount.CALENDAR)
    assert case.deadline == fifteen_days or not is_working_day(fifteen_days)
    assert case.deadline_counts == DayCount.CALENDAR
    # And the case page says how the deadline is counted
    page = login(platform_user).get(reverse("platforms:case_detail", args=[case.pk])).content.decode()
    assert "counted in calendar days" in page
    # And so does the API
    body = token_client(platform_user).get(f"/api/v1/cases/{case.pk}/").json()["case"]
    assert (body["deadline"], body["deadline_counts"]) == (case.deadline.isoformat(), "calendar")


def test_the_platform_page_says_the_window_in_the_platforms_own_count(platform, platform_user, login):
    platform.counter_notice_window_days = 20
    platform.counter_notice_window_counts = DayCount.WORKING
    platform.save()
    case = counter_noticed_case(platform, platform_user)

    page = login(platform_user).get(reverse("platforms:case_detail", args=[case.pk])).content.decode()

    assert "The complainant then has 20 working days" in page
