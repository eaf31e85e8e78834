import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import OrgKind, SupervisingAuthority
from cases.models import Case, CaseStatus, ReviewOutcome
from cases.selectors import cases_visible_to
from cases.services.administrative import case_accept
from cases.services.cooperation import transfer_request
from cases.services.decisions import information_request
from cases.services.notice_and_takedown import case_withdraw, counter_notice_forward
from cases.services.office_records import opinion_issue
from platforms.models import DecisionAction
from tests.aggregates.lifecycle import decide, reviewed, routed_complaint
from tests.factories import OfficeFactory, OrganisationFactory, PlatformFactory, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("supervision:dashboard")


def _authority(*regions):
    org = OrganisationFactory(kind=OrgKind.SUPERVISOR)
    SupervisingAuthority.objects.create(organisation=org).regions.set(regions)
    return UserFactory(organisation=org)


def _world():
    """A province with a city, a platform in the city and one in another province, six and one cases."""
    province = RegionFactory()
    city = RegionFactory(parent=province)
    near = PlatformFactory(organisation__name="Near Mall", region=city)
    far = PlatformFactory(organisation__name="Far Mall")
    staff = UserFactory(organisation=near.organisation)
    near_cases = routed_complaint(near, stores=6)
    for case in near_cases[:3]:
        decide(case, staff)
    decide(near_cases[3], staff, DecisionAction.REJECT)
    far_cases = routed_complaint(far)
    return _authority(province), near, far, near_cases, far_cases


def _month() -> dict[str, str]:
    today = timezone.localdate()
    return {"month": today.strftime("%Y-%m")}


def test_the_authority_reads_the_cases_of_its_regions_and_below_only(db):
    official, _near, _far, near_cases, far_cases = _world()

    seen = set(cases_visible_to(official).values_list("pk", flat=True))

    assert seen == {case.pk for case in near_cases}
    assert not seen & {case.pk for case in far_cases}


def test_the_dashboard_shows_the_platforms_of_its_regions_with_their_figures(client, login):
    official, near, far, _near_cases, _far_cases = _world()
    login(official)

    response = client.get(DASHBOARD, _month())

    assert response.status_code == 200
    html = response.content.decode()
    assert "Near Mall" in html and "Far Mall" not in html
    row = html.split(f'id="platform-{near.pk}"')[1].split("</tr>")[0]
    assert 'data-figure="cases"' in row and ">6</a>" in row
    assert ">4</a>" in row  # decided
    assert "75.0 %" in row  # takedown rate: 3 of 4
    assert "<svg" in html


def test_a_figure_links_to_the_cases_behind_it(client, login):
    official, near, _far, near_cases, _far_cases = _world()
    login(official)
    html = client.get(DASHBOARD, _month()).content.decode()
    row = html.split(f'id="platform-{near.pk}"')[1].split("</tr>")[0]
    link = row.split('data-figure="rejections" href="')[1].split('"')[0].replace("&amp;", "&")

    listed = client.get(link)

    assert listed.status_code == 200
    body = listed.content.decode()
    assert reverse("supervision:case_detail", args=[near_cases[3].pk]) in body
    assert reverse("supervision:case_detail", args=[near_cases[0].pk]) not in body
    detail = client.get(reverse("supervision:case_detail", args=[near_cases[3].pk]))
    assert detail.status_code == 200 and "Read-only" in detail.content.decode()


def test_a_case_outside_its_regions_is_a_404(client, login):
    official, _near, _far, _near_cases, far_cases = _world()
    login(official)

    assert client.get(reverse("supervision:case_detail", args=[far_cases[0].pk])).status_code == 404


def test_the_dashboard_is_a_404_to_anyone_else(client, login, platform_user):
    login(platform_user)

    assert client.get(DASHBOARD).status_code == 404


def test_the_dashboard_reads_only_the_daily_figures_in_a_fixed_number_of_queries(client, login):
    official, near, *_rest = _world()
    login(official)
    with CaptureQueriesContext(connection) as few:
        client.get(DASHBOARD, _month())

    staff = UserFactory(organisation=near.organisation)
    for case in routed_complaint(near, stores=5):
        decide(case, staff)
    with CaptureQueriesContext(connection) as many:
        client.get(DASHBOARD, _month())

    assert len(few) == len(many)
    assert not any('FROM "enforcement_case"' in q["sql"] for q in many.captured_queries)


def test_csv_download_has_a_line_per_platform_and_office(client, login):
    official, *_rest = _world()
    login(official)

    response = client.get(reverse("supervision:dashboard_csv"), _month())

    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    near = next(row for row in rows if row["group"] == "Near Mall")
    assert near["section"] == "platform" and near["cases"] == "6" and near["rejections"] == "1"


@pytest.mark.parametrize(
    "write",
    [
        lambda case, user: information_request(case_id=case.pk, actor=user, question="Which model is it?"),
        lambda case, user: opinion_issue(
            case_id=case.pk, actor=user, outcome="infringing", reasoning="Same."
        ),
        lambda case, user: case_accept(case_id=case.pk, actor=user),
        lambda case, user: counter_notice_forward(case_id=case.pk, actor=user),
        lambda case, user: case_withdraw(case_id=case.pk, actor=user, reason="Settled."),
        lambda case, user: transfer_request(
            case_id=case.pk, actor=user, to_office_id=OfficeFactory().pk, reason="Other region."
        ),
        lambda case, user: decide(case, user),
    ],
)
def test_every_write_refuses_the_authority(write):
    official, _near, _far, near_cases, _far_cases = _world()
    case = near_cases[5]

    with pytest.raises((ValidationError, Case.DoesNotExist)):
        write(case, official)

    case.refresh_from_db()
    assert case.status == CaseStatus.AWAITING_PLATFORM


def test_the_consoles_write_pages_are_404_to_the_authority(client, login):
    official, _near, _far, near_cases, _far_cases = _world()
    login(official)
    pk = near_cases[5].pk

    for name in ("platforms:case_detail", "enforcement:case_detail", "complaints:case_detail"):
        assert client.get(reverse(name, args=[pk])).status_code == 404
    assert client.post(reverse("enforcement:complainant_suspend", args=[pk]), {"days": 5}).status_code == 404


def test_the_dashboard_shows_the_review_figures_of_its_regions_platforms(client):
    official, near, far, near_cases, far_cases = _world()
    near_second = UserFactory(organisation=near.organisation)
    far_staff, far_second = (UserFactory(organisation=far.organisation) for _ in range(2))
    decide(far_cases[0], far_staff)
    reviewed(near_cases[0], near_second, ReviewOutcome.REVERSED)  # taken down: the respondent asks
    reviewed(near_cases[3], near_second, ReviewOutcome.CONFIRMED)  # rejected: the complainant asks
    reviewed(far_cases[0], far_second, ReviewOutcome.CONFIRMED)
    client.force_login(official)

    page = client.get(DASHBOARD, _month())
    exported = client.get(reverse("supervision:dashboard_csv"), _month())

    board = page.context["board"]
    (near_row,) = [row for row in board["platforms"] if row.key == near.pk]
    counts = {key: near_row.figures.count(key) for key, _label in page.context["dispute_counts"]}
    assert {key: n for key, n in counts.items() if key.startswith("reviews_")} == {
        "reviews_by_complainants": 1,
        "reviews_by_respondents": 1,
        "reviews_confirmed": 1,
        "reviews_reversed": 1,
    }
    assert not {key: n for key, n in counts.items() if not key.startswith("reviews_") and n}
    assert board["total"].figures.count("reviews_confirmed") == 1  # the other province's is not counted
    assert f'id="disputes-platform-{near.pk}"' in page.content.decode()
    lines = list(csv.DictReader(io.StringIO(b"".join(exported.streaming_content).decode())))
    total = next(line for line in lines if line["section"] == "total")
    assert (total["reviews_by_respondents"], total["reviews_reversed"]) == ("1", "1")
