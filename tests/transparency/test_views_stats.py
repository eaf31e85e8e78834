import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.dateparse import parse_datetime

from cases.models import Case, CaseStatus, HandlingMode
from tests.factories import CaseFactory, OfficeFactory

pytestmark = pytest.mark.django_db

STATS = reverse("transparency:stats")
PAGE = reverse("transparency:page")


def _world() -> list[Case]:
    office = OfficeFactory()
    return [
        CaseFactory(),  # not routed yet
        CaseFactory(mode=HandlingMode.PLATFORM, status=CaseStatus.AWAITING_PLATFORM),
        CaseFactory(mode=HandlingMode.PLATFORM, status=CaseStatus.DECIDED),
        CaseFactory(mode=HandlingMode.ASSISTED, status=CaseStatus.AWAITING_OPINION, office=office),
        CaseFactory(mode=HandlingMode.ADMINISTRATIVE, status=CaseStatus.WITHDRAWN, office=office),
    ]


def test_stats_count_the_cases_by_mode_and_status_for_anyone(client):
    _world()

    response = client.get(STATS)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["total_cases"] == 5
    assert body["by_mode"] == {"platform": 2, "assisted": 1, "administrative": 1, "unrouted": 1}
    assert body["by_status"] == {
        "new": 1,
        "awaiting_platform": 1,
        "awaiting_opinion": 1,
        "awaiting_consent": 0,
        "awaiting_acceptance": 0,
        "awaiting_office_decision": 0,
        "awaiting_execution": 0,
        "information_requested": 0,
        "decided": 1,
        "notice_forwarded": 0,
        "counter_notice_received": 0,
        "window_open": 0,
        "closed": 0,
        "withdrawn": 1,
    }
    assert parse_datetime(body["generated_at"]) is not None


def test_stats_with_no_cases_list_every_key_at_zero(client):
    body = client.get(STATS).json()

    assert body["total_cases"] == 0
    assert set(body["by_mode"]) == {"platform", "assisted", "administrative", "unrouted"}
    assert set(body["by_status"]) == set(CaseStatus.values)
    assert not any(body["by_mode"].values()) and not any(body["by_status"].values())


def test_stats_hold_no_personal_data_and_no_ids(client):
    cases = _world()

    raw = client.get(STATS).content.decode()

    body = json.loads(raw)
    assert set(body) == {"generated_at", "total_cases", "by_mode", "by_status", "audit_anchors"}
    for case in cases:
        for personal in (
            case.store.name,
            case.store.external_id,
            case.complaint.filed_by_org.name,
            case.complaint.filed_by.username,
            case.platform.organisation.name,
        ):
            assert personal not in raw
    # Only counts below the top level: no nested objects or lists that could carry records.
    assert all(isinstance(n, int) for group in ("by_mode", "by_status") for n in body[group].values())


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", [STATS, PAGE])
def test_statistics_cost_three_queries_whatever_the_number_of_cases(client, url):
    CaseFactory()
    with_1 = _queries(client, url)

    _world()
    CaseFactory.create_batch(10, mode=HandlingMode.PLATFORM, status=CaseStatus.AWAITING_PLATFORM)
    with_16 = _queries(client, url)

    # One GROUP BY mode, one GROUP BY status and the audit anchors; an anonymous visitor has no session.
    assert with_1 == with_16 == 3


def test_transparency_page_shows_translated_labels_and_counts_anonymously(client):
    _world()

    response = client.get(PAGE)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Platform handling with office opinion" in html
    assert "Awaiting office opinion" in html
    assert "Not routed yet" in html
    row = html.split('id="mode-platform"')[1].split("</tr>")[0]
    assert "<td>2</td>" in row


def test_transparency_page_is_served_in_the_language_asked_for(client):
    response = client.get(PAGE, headers={"accept-language": "zh-hans"})

    assert response.status_code == 200
    assert 'lang="zh-hans"' in response.content.decode()
