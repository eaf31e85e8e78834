from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from aggregates.figures import Figure
from aggregates.services import overdue_now_refresh
from cases.models import CaseStatus, HandlingMode
from cases.services.administrative import assignment_set
from cases.services.cooperation import assistance_request, transfer_request
from cases.services.office_records import opinion_issue
from complaints.models import RightType
from tests.aggregates.lifecycle import routed_complaint
from tests.factories import CaseFactory, OfficeFactory, PlatformFactory, UserFactory

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("enforcement:dashboard")


def _cases(office, n: int, **kwargs):
    return [
        CaseFactory(
            mode=HandlingMode.ADMINISTRATIVE,
            status=CaseStatus.AWAITING_OFFICE_DECISION,
            office=office,
            **kwargs,
        )
        for _ in range(n)
    ]


def test_dashboard_shows_workload_overdue_and_counts_of_the_office_only(office, login):
    manager = UserFactory(username="boss", organisation=office.organisation, organisation__role=Role.MANAGER)
    overdue = _cases(office, 2, deadline=timezone.localdate() - timedelta(days=2))
    for case in overdue:
        assignment_set(case_id=case.pk, actor=manager, official_ids=[manager.pk])
    elsewhere = CaseFactory(
        mode=HandlingMode.ADMINISTRATIVE,
        status=CaseStatus.AWAITING_OFFICE_DECISION,
        office=OfficeFactory(),
        deadline=timezone.localdate() - timedelta(days=2),
    )

    on_time = _cases(office, 1, deadline=timezone.localdate() + timedelta(days=2))[0]
    assignment_set(case_id=on_time.pk, actor=manager, official_ids=[manager.pk])
    idle = UserFactory(username="idle", organisation=office.organisation)
    overdue_now_refresh()  # the periodic job counts the workload

    response = login(manager).get(DASHBOARD)

    assert response.status_code == 200
    assert [c.pk for c in response.context["overdue"]] == [c.pk for c in overdue]
    assert elsewhere.pk not in [c.pk for c in response.context["overdue"]]
    workload = [(u.username, n_open, n_overdue) for u, n_open, n_overdue in response.context["workload"]]
    assert workload == [("boss", 3, 2), (idle.username, 0, 0)]
    assert "Counted at" in response.content.decode()


def test_dashboard_figures_come_from_the_daily_figures_of_the_offices_cases(office, login):
    platform = PlatformFactory()
    office.regions.add(platform.region)
    official = UserFactory(organisation=office.organisation)
    first, second = routed_complaint(platform, stores=2, right_type=RightType.INVENTION_PATENT)
    opinion_issue(
        case_id=first.pk, actor=official, outcome="infringing", reasoning="Every claim feature is in it."
    )
    routed_complaint(PlatformFactory(), right_type=RightType.INVENTION_PATENT)  # another office's, or none

    response = login(official).get(DASHBOARD)

    assert response.context["total"] == 2
    assert response.context["by_mode"] == [("Platform handling with office opinion", 2)]
    figures = dict(response.context["figures"])
    assert figures[Figure.OPINIONS.label] == 1
    assert "≤ 1 h" in response.content.decode()  # the opinion came within the hour


def test_dashboard_query_count_does_not_grow_with_the_cases(office, login):
    manager = UserFactory(organisation=office.organisation, organisation__role=Role.MANAGER)
    client = login(manager)
    _cases(office, 2, deadline=timezone.localdate() - timedelta(days=1))
    client.get(DASHBOARD)

    # Counts, overdue, workload and the two inboxes are one query each, whatever the number of cases.
    with CaptureQueriesContext(connection) as few:
        client.get(DASHBOARD)
    _cases(office, 8, deadline=timezone.localdate() - timedelta(days=1))
    with CaptureQueriesContext(connection) as many:
        client.get(DASHBOARD)

    assert len(many) == len(few)


def test_incoming_transfer_is_answered_on_the_dashboard(office, office_user, login):
    other = OfficeFactory()
    other_official = UserFactory(organisation=other.organisation)
    case = _cases(office, 1)[0]
    transfer = transfer_request(
        case_id=case.pk, actor=office_user, to_office_id=other.pk, reason="Their region."
    )
    client = login(other_official)

    page = client.get(DASHBOARD)
    assert "Their region." in page.content.decode()
    refused = client.post(
        reverse("enforcement:transfer_answer"),
        {
            f"t{transfer.pk}-transfer": transfer.pk,
            f"t{transfer.pk}-accept": "no",
            f"t{transfer.pk}-reason": "",
        },
    )
    assert refused.status_code == 400
    assert "Give the reasons for declining." in refused.content.decode()
    accepted = client.post(
        reverse("enforcement:transfer_answer"),
        {
            f"t{transfer.pk}-transfer": transfer.pk,
            f"t{transfer.pk}-accept": "yes",
        },
    )

    assert accepted.status_code == 302
    case.refresh_from_db()
    assert case.office == other


def test_incoming_assistance_is_answered_on_the_dashboard(office, office_user, login):
    other = OfficeFactory()
    other_official = UserFactory(organisation=other.organisation)
    case = _cases(office, 1)[0]
    request = assistance_request(
        case_id=case.pk, actor=office_user, to_office_id=other.pk, request="Inspect."
    )

    response = login(other_official).post(
        reverse("enforcement:assistance_answer"),
        {
            f"a{request.pk}-request": request.pk,
            f"a{request.pk}-answer": "Inspected.",
        },
    )

    assert response.status_code == 302
    request.refresh_from_db()
    assert request.answer == "Inspected."


def test_case_page_offers_acceptance_to_a_manager_and_shows_errors_next_to_fields(office, login):
    from cases.services.consent import consent_answer_respondent
    from tests.enforcement.admin_helpers import routed_administrative_case

    manager = UserFactory(organisation=office.organisation, organisation__role=Role.MANAGER)
    case = routed_administrative_case(office=office)
    consent_answer_respondent(case_id=case.pk, consent=True, name="Seller")
    client = login(manager)

    page = client.get(reverse("enforcement:case_detail", args=[case.pk]))
    assert 'id="acceptance"' in page.content.decode()
    refused = client.post(reverse("enforcement:case_decline", args=[case.pk]), {"reason": ""})

    assert refused.status_code == 400
    assert 'id="id_reason_errors"' in refused.content.decode()
