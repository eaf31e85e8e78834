import csv
import io
import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.models import Case
from platforms.models import DecisionAction
from tests.aggregates.lifecycle import counter_notice, decide, routed_complaint
from tests.factories import PlatformFactory, UserFactory

pytestmark = pytest.mark.django_db

STATS = reverse("transparency:stats")
CSV = reverse("transparency:stats_csv")
PAGE = reverse("transparency:page")


def _this_month() -> str:
    return timezone.localdate().strftime("%Y-%m")


def _world() -> tuple[list[Case], list[Case]]:
    """Six cases on a busy platform (five decided, one of them rejected) and one on a quiet platform."""
    busy = PlatformFactory(organisation__name="Busy Mall")
    staff = UserFactory(organisation=busy.organisation)
    cases = routed_complaint(busy, stores=6)
    for case in cases[:4]:
        decide(case, staff)
    decide(cases[4], staff, DecisionAction.REJECT)
    counter_notice(cases[0])
    quiet = routed_complaint(PlatformFactory(organisation__name="Quiet Bazaar"))
    return cases, quiet


def test_statistics_of_a_month_by_platform_with_small_counts_as_a_range(client):
    _world()

    body = client.get(STATS, {"month": _this_month()}).json()

    assert body["schema"] == "iprgov-transparency-statistics/1"
    assert body["by"] == "platform"
    groups = {group["label"]: group for group in body["groups"]}
    assert set(groups) == {"Busy Mall", "Quiet Bazaar"}
    busy = groups["Busy Mall"]["counts"]
    assert busy["cases"] == 6 and busy["listings"] == 6 and busy["decided"] == 5
    assert busy["measures"] == "<5" and busy["rejections"] == "<5"  # 4 and 1: published as a range
    assert busy["notices"] == "<5" and busy["counter_notices"] == "<5"
    assert groups["Busy Mall"]["rates"]["takedown_rate"] == 0.8
    assert groups["Busy Mall"]["rates"]["decide_hours_median"] == 1
    # Rates over fewer than five cases are not published.
    assert groups["Quiet Bazaar"]["counts"]["cases"] == "<5"
    assert groups["Quiet Bazaar"]["rates"]["takedown_rate"] is None
    assert body["total"]["counts"]["cases"] == 7
    assert body["definitions"]["restoration_rate"]


def test_statistics_outside_the_period_are_empty(client):
    _world()

    body = client.get(STATS, {"month": "2020-01"}).json()

    assert body["groups"] == []
    assert body["total"]["counts"]["cases"] == 0


def test_statistics_hold_no_personal_data_and_no_case_numbers(client):
    cases, quiet = _world()

    raw = client.get(STATS, {"month": _this_month(), "by": "mode"}).content.decode()
    raw += b"".join(client.get(CSV, {"month": _this_month()}).streaming_content).decode()

    for case in [*cases, *quiet]:
        for personal in (
            case.store.name,
            case.store.external_id,
            case.complaint.filed_by_org.name,
            case.complaint.filed_by.username,
            case.complaint.right.registration_number,
        ):
            assert personal not in raw
    assert '"id"' not in raw


def test_csv_download_has_a_column_per_figure_and_a_line_per_platform(client):
    _world()

    response = client.get(CSV, {"month": _this_month()})

    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    busy = next(row for row in rows if row["group"] == "Busy Mall")
    assert busy["section"] == "platform" and busy["cases"] == "6" and busy["measures"] == "<5"
    assert next(row for row in rows if row["section"] == "total")["cases"] == "7"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"month": "2026-13"}, "month"),
        ({"start": "2026-05-02", "end": "2026-05-01"}, "end"),
        ({"by": "x"}, "by"),
    ],
)
def test_a_bad_period_is_a_400_naming_the_field(client, params, field):
    response = client.get(STATS, params)

    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == [field]
    page = client.get(PAGE, params)
    assert page.status_code == 400
    assert f'id="id_{field}_errors"' in page.content.decode()


def _queries(client: Client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, {"month": _this_month()}).status_code == 200
    return [q["sql"] for q in queries.captured_queries]


@pytest.mark.parametrize("url", [STATS, PAGE, CSV])
def test_statistics_read_only_the_daily_figures_in_a_fixed_number_of_queries(client, url):
    routed_complaint(PlatformFactory())
    with_one = _queries(client, url)

    _world()
    with_many = _queries(client, url)

    # The total, the groups and their names, the trend (and the audit anchors): never the cases table.
    assert len(with_one) == len(with_many) <= 5
    assert not any('"enforcement_case"' in sql for sql in with_many)


def test_transparency_page_shows_the_table_a_chart_and_the_definitions(client):
    _world()

    html = client.get(PAGE, {"month": _this_month()}).content.decode()

    assert "Busy Mall" in html and "fewer than 5" in html
    assert "<svg" in html and "Download CSV" in html
    assert "What the figures mean" in html


def test_transparency_page_is_served_in_the_language_asked_for(client):
    response = client.get(PAGE, headers={"accept-language": "zh-hans"})

    assert response.status_code == 200
    assert 'lang="zh-hans"' in response.content.decode()
    json.loads(client.get(STATS).content)
