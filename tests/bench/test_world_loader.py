"""The benchmark's set-based loader (bench/world.py) writes rows the product reads as its own: run at a tiny
size with every foreign key and trigger checked, the consoles, the API and the statistics show them."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F
from django.test import Client
from django.utils import timezone

from accounts.models import User
from accounts.services_tokens import api_token_create
from aggregates.services import statistics_rebuild
from audit.models import AuditEntry
from bench import phases
from bench import world as loader
from cases.models import Case, CaseStatus, HandlingMode, RoutingRecord
from complaints.models import EvidenceFile, Listing
from iprgov.file_integrity import FileState, file_check

pytestmark = pytest.mark.django_db

CASES = 200


@pytest.fixture
def world() -> tuple[loader.World, int]:
    shape = loader.world_create(cases=CASES)
    loader.cases_load(shape, first=0, count=CASES)
    big_case_id = loader.big_case_load(shape, listings=60, history=30)
    statistics_rebuild()
    return shape, big_case_id


def signed_in(user_id: int) -> Client:
    client = Client()
    client.force_login(User.objects.get(pk=user_id))
    return client


def case_ids_shown(html: str, prefix: str) -> set[int]:
    return {int(n) for n in re.findall(rf'href="{prefix}cases/(\d+)/"', html)}


def test_the_world_has_the_shape_of_a_national_marketplace(world):
    shape, big_case_id = world

    cases = Case.objects.exclude(pk=big_case_id)

    assert cases.count() == CASES
    assert {mode for mode in cases.values_list("mode", flat=True)} == set(HandlingMode.values)
    assert set(cases.values_list("status", flat=True)) <= set(CaseStatus.values) - {CaseStatus.NEW}
    on_main = cases.filter(platform_id=shape.platform_id()).count()
    assert 0.7 * CASES < on_main < 0.9 * CASES
    assert Listing.objects.filter(case__in=cases).count() == CASES * loader.LISTINGS_PER_CASE
    assert Listing.objects.filter(case_id=big_case_id).count() == 60


def test_the_platform_queue_and_a_case_page_show_the_loaded_rows(world):
    shape, big_case_id = world
    platform = signed_in(shape.platform_user())

    queue = platform.get("/platform/")
    case = platform.get(f"/platform/cases/{big_case_id}/")

    assert queue.status_code == 200
    shown = case_ids_shown(queue.content.decode(), "/platform/")
    assert shown and shown <= set(
        Case.objects.filter(platform_id=shape.platform_id()).values_list("pk", flat=True)
    )
    assert case.status_code == 200
    assert "https://shop.example.test/big/1" in case.content.decode()


def test_the_office_docket_and_the_rightsholder_portal_show_the_loaded_rows(world):
    shape, _ = world

    docket = signed_in(shape.office_manager()).get("/office/?mode=administrative")
    portal = signed_in(shape.holder_user()).get("/portal/")

    assert docket.status_code == 200
    in_docket = set(
        Case.objects.filter(office_id=shape.office_id(), mode="administrative").values_list("pk", flat=True)
    )
    assert in_docket and case_ids_shown(docket.content.decode(), "/office/") <= in_docket
    assert case_ids_shown(docket.content.decode(), "/office/")
    assert portal.status_code == 200
    assert case_ids_shown(portal.content.decode(), "/portal/")


def test_the_api_and_the_public_statistics_count_the_loaded_cases(world):
    shape, _ = world
    key = api_token_create(user=User.objects.get(pk=shape.platform_user()), name="bench").key

    listed = Client().get("/api/v1/cases/", HTTP_AUTHORIZATION=f"Token {key}")
    start = (timezone.localdate() - timedelta(days=loader.DAYS_OF_HISTORY + 1)).isoformat()
    stats = Client().get(
        "/transparency/stats.json", {"start": start, "end": timezone.localdate().isoformat()}
    )

    assert listed.status_code == 200
    on_platform = set(Case.objects.filter(platform_id=shape.platform_id()).values_list("pk", flat=True))
    page = {case["id"] for case in listed.json()["results"]}
    assert len(page) == min(len(on_platform), 50) and page <= on_platform
    assert stats.status_code == 200, stats.content
    assert stats.json()["total"]["counts"]["cases"] == Case.objects.count()


def test_the_audit_trail_loaded_is_one_valid_hash_chain(world):
    out = StringIO()

    call_command("audit_verify", stdout=out)

    entries = AuditEntry.objects.count()
    assert entries > 2 * CASES + 30
    assert out.getvalue().startswith(f"ok: {entries} entries")
    positions = AuditEntry.objects.order_by("chain_position").values_list("chain_position", flat=True)
    assert list(positions) == list(range(1, entries + 1))


def test_a_second_load_extends_the_chain_it_finds(world):
    again = loader.world_create(cases=CASES)

    loader.cases_load(again, first=0, count=10)

    call_command("audit_verify", stdout=StringIO())


def test_every_loaded_case_has_its_counts_times_routing_and_recorded_files(world):
    shape, big_case_id = world

    assert not Case.objects.exclude(pk=big_case_id).exclude(listing_count=loader.LISTINGS_PER_CASE).exists()
    assert Case.objects.get(pk=big_case_id).listing_count == 60
    assert not Case.objects.filter(updated_at__lt=F("routed_at")).exists()
    assert RoutingRecord.objects.count() == Case.objects.count()
    assert not Case.objects.exclude(routings__mode=F("mode")).exists()
    evidence = EvidenceFile.objects.order_by("pk")[0]
    assert file_check(evidence.file) == FileState.OK


def test_the_supervisor_reads_the_dashboard_of_every_region(world):
    shape, _ = world

    dashboard = signed_in(shape.supervisor_user()).get("/supervision/")

    assert dashboard.status_code == 200


def test_every_measured_page_answers_on_the_loaded_world(world):
    shape, big_case_id = world
    actors = phases.Actors.make(shape, holder_keys=1)

    answers = {
        page.name: Client().get(page.request.path, headers=page.request.headers).status_code
        for page in phases.pages(shape, actors, big_case_id)
    }

    assert answers == dict.fromkeys(answers, 200)
    assert {"supervision dashboard", "GET /api/v1/events/", "queue: by listing URL"} <= set(answers)
