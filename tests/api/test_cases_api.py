from datetime import timedelta

from django.utils import timezone

from cases.models import CaseStatus, HandlingMode
from complaints.models import ListingStatus
from tests.factories import CaseFactory, ComplaintFactory, IPRightFactory, PlatformFactory


def _case(platform, **kwargs):
    kwargs.setdefault("status", CaseStatus.AWAITING_PLATFORM)
    kwargs.setdefault("mode", HandlingMode.PLATFORM)
    return CaseFactory(complaint__platform=platform, **kwargs)


def test_a_platform_lists_only_its_cases_and_filters_them(platform_client, platform):
    soon = _case(platform, deadline=timezone.localdate() + timedelta(days=1))
    later = _case(platform, deadline=timezone.localdate() + timedelta(days=9))
    assisted = _case(platform, mode=HandlingMode.ASSISTED, status=CaseStatus.AWAITING_OPINION)
    _case(PlatformFactory())

    everything = platform_client.get("/api/v1/cases/").json()["results"]
    platform_mode = platform_client.get("/api/v1/cases/?mode=platform").json()["results"]
    due = platform_client.get(
        f"/api/v1/cases/?deadline_before={timezone.localdate() + timedelta(days=2)}"
    ).json()["results"]
    by_status = platform_client.get("/api/v1/cases/?status=awaiting_opinion").json()["results"]
    by_platform = platform_client.get(f"/api/v1/cases/?platform={platform.pk}").json()["results"]

    assert {c["id"] for c in everything} == {soon.pk, later.pk, assisted.pk}
    assert {c["id"] for c in platform_mode} == {soon.pk, later.pk}
    assert [c["id"] for c in due] == [soon.pk]
    assert [c["id"] for c in by_status] == [assisted.pk]
    assert len(by_platform) == 3


def test_a_bad_filter_value_is_a_400_naming_the_filter(platform_client):
    response = platform_client.get("/api/v1/cases/?mode=teleport&deadline_before=soon")

    assert response.status_code == 400
    assert {e["field"] for e in response.json()["errors"]} == {"mode", "deadline_before"}


def test_case_detail_has_listings_and_history_and_is_404_outside_scope(
    platform_client, platform, holder, rightsholder_user
):
    case = _case(
        platform,
        complaint__right=IPRightFactory(owner_org=rightsholder_user.organisation),
        complaint__filed_by_org=rightsholder_user.organisation,
    )
    foreign = _case(PlatformFactory())

    detail = platform_client.get(f"/api/v1/cases/{case.pk}/")

    assert detail.status_code == 200
    assert detail.json()["case"]["id"] == case.pk
    assert len(detail.json()["listings"]) == 1
    assert isinstance(detail.json()["history"], list)
    assert holder.get(f"/api/v1/cases/{case.pk}/").status_code == 200
    assert platform_client.get(f"/api/v1/cases/{foreign.pk}/").status_code == 404
    assert holder.get(f"/api/v1/cases/{foreign.pk}/").status_code == 404


def test_platform_decides_listings_of_its_case(platform_client, platform):
    case = _case(platform, listings=2)
    ids = list(case.listings.values_list("pk", flat=True))
    body = {
        "listings": ids,
        "action": "take_down",
        "reason_code": "counterfeit",
        "statement": "Test purchases from both listings showed counterfeit goods.",
    }

    response = platform_client.post(f"/api/v1/cases/{case.pk}/listing-decisions/", body, format="json")

    assert response.status_code == 201, response.json()
    assert len(response.json()) == 2
    assert set(case.listings.values_list("status", flat=True)) == {ListingStatus.TAKEN_DOWN}
    again = platform_client.post(f"/api/v1/cases/{case.pk}/listing-decisions/", body, format="json")
    assert again.status_code == 409


def test_decisions_on_another_platforms_case_are_404(platform_client):
    case = _case(PlatformFactory())
    body = {
        "listings": [case.listings.first().pk],
        "action": "reject",
        "reason_code": "insufficient_evidence",
        "statement": "x",
    }

    assert (
        platform_client.post(f"/api/v1/cases/{case.pk}/listing-decisions/", body, format="json").status_code
        == 404
    )


def test_office_issues_an_opinion_and_a_decision(office_client, office):
    assisted = CaseFactory(status=CaseStatus.AWAITING_OPINION, mode=HandlingMode.ASSISTED, office=office)
    administrative = CaseFactory(
        status=CaseStatus.AWAITING_OFFICE_DECISION, mode=HandlingMode.ADMINISTRATIVE, office=office
    )

    opinion = office_client.post(
        f"/api/v1/cases/{assisted.pk}/opinion/",
        {"outcome": "infringing", "reasoning": "Same claims."},
        format="json",
    )
    decision = office_client.post(
        f"/api/v1/cases/{administrative.pk}/administrative-decision/",
        {"infringement_established": True, "reasoning": "Established.", "measures_ordered": ""},
        format="json",
    )
    decision_ok = office_client.post(
        f"/api/v1/cases/{administrative.pk}/administrative-decision/",
        {
            "infringement_established": True,
            "reasoning": "Established.",
            "measures_ordered": "Take the listings down.",
        },
        format="json",
    )

    assert opinion.status_code == 201, opinion.json()
    assert decision.status_code == 400
    assert decision.json()["errors"][0]["field"] == "measures_ordered"
    assert decision_ok.status_code == 201
    assisted.refresh_from_db()
    assert assisted.status == CaseStatus.AWAITING_PLATFORM


def test_office_endpoints_are_404_for_other_kinds_and_other_offices(platform_client, office_client, holder):
    case = CaseFactory(status=CaseStatus.AWAITING_OPINION, mode=HandlingMode.ASSISTED)
    body = {"outcome": "infringing", "reasoning": "x"}

    assert platform_client.post(f"/api/v1/cases/{case.pk}/opinion/", body, format="json").status_code == 404
    assert holder.post(f"/api/v1/cases/{case.pk}/opinion/", body, format="json").status_code == 404
    assert office_client.post(f"/api/v1/cases/{case.pk}/opinion/", body, format="json").status_code == 404


def test_a_rightsholder_sees_the_cases_of_its_complaints(holder, rightsholder_user):
    mine = CaseFactory(
        complaint=ComplaintFactory(
            status="submitted",
            filed_by_org=rightsholder_user.organisation,
            right=IPRightFactory(owner_org=rightsholder_user.organisation),
        )
    )
    CaseFactory()

    assert [c["id"] for c in holder.get("/api/v1/cases/").json()["results"]] == [mine.pk]


def test_case_detail_lists_the_actions_available_to_the_caller_now(
    platform_client, office_client, platform, office
):
    deciding = CaseFactory(
        complaint__platform=platform, status=CaseStatus.AWAITING_PLATFORM, mode=HandlingMode.PLATFORM
    )
    opinion_due = CaseFactory(status=CaseStatus.AWAITING_OPINION, mode=HandlingMode.ASSISTED, office=office)

    platform_view = platform_client.get(f"/api/v1/cases/{deciding.pk}/").json()["available_actions"]
    office_view = office_client.get(f"/api/v1/cases/{opinion_due.pk}/").json()["available_actions"]

    assert {(a["action"], a["endpoint"]) for a in platform_view} == {
        ("case_decided", f"/api/v1/cases/{deciding.pk}/listing-decisions/"),
        ("listings_decided", f"/api/v1/cases/{deciding.pk}/listing-decisions/"),
        ("information_requested", f"/api/v1/cases/{deciding.pk}/information-requests/"),
        ("law_enforcement_referred", f"/api/v1/cases/{deciding.pk}/law-enforcement-referral/"),
    }
    assert {(a["action"], a["endpoint"]) for a in office_view} == {
        ("opinion_issued", f"/api/v1/cases/{opinion_due.pk}/opinion/"),
        ("transfer_requested", f"/api/v1/cases/{opinion_due.pk}/transfers/"),
        ("assistance_requested", f"/api/v1/cases/{opinion_due.pk}/assistance-requests/"),
        ("law_enforcement_referred", f"/api/v1/cases/{opinion_due.pk}/law-enforcement-referral/"),
    }
    assert {a["method"] for a in platform_view + office_view} == {"POST"}
    assert "Determination opinion issued" in {a["label"] for a in office_view}
