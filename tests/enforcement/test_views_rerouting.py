"""Re-routing from the office's case page and from the admin, and the dry run of a routing-rule change."""

import pytest
from django.urls import reverse

from accounts.models import Role
from cases.models import Case, CaseStatus, HandlingMode, RoutingRule
from cases.services.routing import complaint_route
from complaints.models import RightType
from tests.factories import ComplaintFactory, IPRightFactory, ListingFactory, PlatformFactory, UserFactory

pytestmark = pytest.mark.django_db


def _routed(office, right_type: str = RightType.TRADEMARK) -> Case:
    platform = PlatformFactory()
    office.regions.add(platform.region)
    complaint = ComplaintFactory(
        status="submitted", platform=platform, right=IPRightFactory(right_type=right_type)
    )
    ListingFactory(complaint=complaint)
    complaint_route(complaint_id=complaint.pk)
    return Case.objects.get(complaint=complaint)


@pytest.fixture
def operator(settings):
    settings.DEBUG = (
        True  # with DEBUG off an operator must give a second factor first (test_second_factor.py)
    )
    return UserFactory(is_staff=True, is_superuser=True)


def test_a_manager_reroutes_on_the_case_page_and_the_history_keeps_the_reason(office, office_user, login):
    case = _routed(office, RightType.INVENTION_PATENT)  # assisted: on the office's docket
    manager = UserFactory(organisation=office.organisation, organisation__role=Role.MANAGER)
    page_url = reverse("enforcement:case_detail", args=[case.pk])
    reroute_url = reverse("enforcement:case_reroute", args=[case.pk])
    assert reroute_url not in login(office_user).get(page_url).content.decode()
    client = login(manager)
    assert reroute_url in client.get(page_url).content.decode()

    refused = client.post(reroute_url, {"mode": "platform", "office": "", "reason": ""})
    done = client.post(
        reroute_url, {"mode": "platform", "office": "", "reason": "Design copied outright."}, follow=True
    )

    assert refused.status_code == 400
    assert 'id="reroute" open' in refused.content.decode()
    assert "Give the reason for re-routing the case." in refused.content.decode()
    case.refresh_from_db()
    assert (case.mode, case.status) == (HandlingMode.PLATFORM, CaseStatus.AWAITING_PLATFORM)
    html = done.content.decode()
    assert 'id="routing-history"' in html
    assert "Design copied outright." in html
    assert "Re-routed by hand" in html


def test_an_operator_reroutes_from_the_admin_with_a_reason(office, operator, login):
    case = _routed(office)
    client = login(operator)
    url = reverse("admin:cases_case_reroute", args=[case.pk])
    assert url in client.get(reverse("admin:cases_case_change", args=[case.pk])).content.decode()

    refused = client.post(url, {"mode": "assisted", "office": "", "reason": ""})
    done = client.post(
        url, {"mode": "assisted", "office": "", "reason": "A patent hides behind it."}, follow=True
    )

    assert refused.status_code == 400
    assert done.status_code == 200
    case.refresh_from_db()
    assert (case.mode, case.status) == (HandlingMode.ASSISTED, CaseStatus.AWAITING_OPINION)
    last = case.routings.order_by("recorded_at", "pk").reverse()[0]
    assert (last.reason, last.recorded_by) == ("A patent hides behind it.", operator)


def _rule_form(rule: RoutingRule, **changes: object) -> dict:
    data = {
        "position": rule.position,
        "name": rule.name,
        "is_active": "on" if rule.is_active else "",
        "right_types": '["trademark", "copyright"]',
        "infringement_types": "[]",
        "requested_administrative": "unknown",
        "has_evaluation_report": "unknown",
        "min_listings": "",
        "min_upheld_cases": "",
        "min_penalty_points": "",
        "mode": rule.mode,
        "jurisdiction": rule.jurisdiction,
        "deadline_working_days": rule.deadline_working_days,
    }
    return {key: value for key, value in {**data, **changes}.items() if value != ""}


def test_a_rule_change_is_saved_only_after_its_dry_run_was_shown(office, operator, login):
    trademark_cases = [_routed(office) for _ in range(2)]
    patent_case = _routed(office, RightType.INVENTION_PATENT)
    rule = RoutingRule.objects.get(position=40)
    client = login(operator)
    url = reverse("admin:cases_routingrule_change", args=[rule.pk])
    posted = _rule_form(rule, mode="assisted")

    preview = client.post(url, posted)

    assert preview.status_code == 200
    html = preview.content.decode()
    assert "2 of the last 3 routed cases would now go to another mode." in html
    assert all(reverse("admin:cases_case_change", args=[c.pk]) in html for c in trademark_cases)
    assert reverse("admin:cases_case_change", args=[patent_case.pk]) not in html
    rule.refresh_from_db()
    assert rule.mode == HandlingMode.PLATFORM

    saved = client.post(url, {**posted, "_routing_preview_seen": "1", "_save": "Save"})

    assert saved.status_code == 302
    rule.refresh_from_db()
    assert rule.mode == HandlingMode.ASSISTED
    # The dry run wrote nothing: the cases keep their mode.
    assert {c.mode for c in Case.objects.filter(pk__in=[c.pk for c in trademark_cases])} == {
        HandlingMode.PLATFORM
    }
