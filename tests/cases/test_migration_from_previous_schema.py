"""A database made before the case models moved to `cases` (and Region to `regions`) migrates with nothing lost.

The move is state-only: the tables keep their names. This test builds that older database with the
historical models of the previous migrations, puts a case in every status with each kind of step record,
migrates to the current head, and reads everything back through today's models.
"""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.state import StateApps
from django.utils import timezone

from cases.models import (
    AdministrativeDecision,
    Assignment,
    AssistanceRequest,
    Case,
    CaseSession,
    CaseStatus,
    ConsentRequest,
    CounterNotice,
    CounterNoticeEvidence,
    DeterminationOpinion,
    InformationRequest,
    ListingDecision,
    RoutingRule,
    Transfer,
)
from complaints.models import Listing
from enforcement.models import Office
from platforms.models import PenaltyRecord, Platform
from regions.models import Region

BEFORE_THE_MOVE = [
    ("complaints", "0004_listing_complaint_store_ref"),
    ("enforcement", "0005_administrative_handling"),
    ("platforms", "0002_notice_and_takedown"),
]
MOVED_TABLES = [
    "enforcement_region",
    "enforcement_case",
    "enforcement_routingrule",
    "enforcement_determinationopinion",
    "enforcement_administrativedecision",
    "enforcement_consentrequest",
    "enforcement_assignment",
    "enforcement_casesession",
    "enforcement_transfer",
    "enforcement_assistancerequest",
    "enforcement_office_regions",
    "platforms_listingdecision",
    "platforms_informationrequest",
    "platforms_counternotice",
    "platforms_counternoticeevidence",
    "platforms_penaltyrecord",
    "complaints_listing",
]


def _migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


def _row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in MOVED_TABLES:
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 — table names are the constants above
            counts[table] = cursor.fetchone()[0]
    return counts


def _old_database(old: StateApps) -> dict[str, int]:
    """Rows of every moved model, written with the models as they were before the move; returns case ids."""
    get = old.get_model
    user = get("accounts", "User").objects.create(username="official", email="o@example.org")
    org = get("accounts", "Organisation")
    holder = org.objects.create(name="Holder", kind="rightsholder")
    platform_org = org.objects.create(name="Shop", kind="platform")
    office_org = org.objects.create(name="Office", kind="office")
    other_office_org = org.objects.create(name="Other office", kind="office")
    region = get("enforcement", "Region").objects.create(code="510000", name="Sichuan")
    office = get("enforcement", "Office").objects.create(organisation=office_org)
    office.regions.add(region)
    other_office = get("enforcement", "Office").objects.create(organisation=other_office_org)
    platform = get("platforms", "Platform").objects.create(organisation=platform_org, region=region)
    right = get("complaints", "IPRight").objects.create(
        owner_org=holder,
        right_type="trademark",
        registration_number="1",
        title="Mark",
        owner_name="Holder",
        valid_from="2020-01-01",
        valid_until="2030-01-01",
        certificate="certificates/c.pdf",
        verification_status="verified",
    )
    complaint = get("complaints", "Complaint").objects.create(
        filed_by_org=holder,
        filed_by=user,
        right=right,
        platform=platform,
        infringement_type="trademark",
        description="d",
        good_faith_declared=True,
        status="submitted",
        submitted_at=timezone.now(),
    )
    rule = get("enforcement", "RoutingRule").objects.get(position=1000)
    case_model = get("enforcement", "Case")
    store_model = get("platforms", "Store")
    cases = {}
    for number, status in enumerate(CaseStatus.values):
        store = store_model.objects.create(platform=platform, external_id=f"s{number}", region=region)
        cases[status] = case_model.objects.create(
            complaint=complaint,
            store=store,
            platform=platform,
            status=status,
            mode="platform",
            office=office,
            routing_rule=rule,
            routing_reason="Rule 1000 matched.",
        )
        get("complaints", "Listing").objects.create(
            complaint=complaint,
            store=store,
            case=cases[status],
            listing_ref=f"l{number}",
            store_ref=f"s{number}",
        )
    case = cases[CaseStatus.CLOSED]
    listing = get("complaints", "Listing").objects.get(case=case)
    get("platforms", "ListingDecision").objects.create(
        listing=listing,
        case=case,
        decided_by=user,
        action="take_down",
        reason_code="counterfeit",
        statement="s",
    )
    get("platforms", "InformationRequest").objects.create(
        case=case, requested_by=user, question="q", due_on="2026-01-05"
    )
    notice = get("platforms", "CounterNotice").objects.create(
        case=case, respondent_name="r", contact_email="r@example.org", statement="s", declaration=True
    )
    get("platforms", "CounterNoticeEvidence").objects.create(
        counter_notice=notice, file="c/e.pdf", original_name="e.pdf"
    )
    get("platforms", "PenaltyRecord").objects.create(
        store=case.store,
        case=case,
        infringement_type="trademark",
        points=1,
        total_after=1,
        standing_after="good",
    )
    get("enforcement", "DeterminationOpinion").objects.create(
        case=case, office=office, official=user, outcome="infringing", reasoning="r"
    )
    get("enforcement", "AdministrativeDecision").objects.create(
        case=case, office=office, official=user, infringement_established=True, reasoning="r"
    )
    get("enforcement", "ConsentRequest").objects.create(case=case, party="respondent", due_on="2026-01-05")
    get("enforcement", "Assignment").objects.create(case=case, official=user, assigned_by=user)
    get("enforcement", "CaseSession").objects.create(
        case=case, kind="mediation", scheduled_for=timezone.now(), location="Room 1", scheduled_by=user
    )
    get("enforcement", "Transfer").objects.create(
        case=case, from_office=office, to_office=other_office, reason="r", requested_by=user
    )
    get("enforcement", "AssistanceRequest").objects.create(
        case=case,
        from_office=office,
        to_office=other_office,
        request="r",
        requested_by=user,
        due_on="2026-01-05",
    )
    return {status: c.pk for status, c in cases.items()}


@pytest.mark.django_db(transaction=True)
def test_a_database_of_the_previous_schema_migrates_to_the_cases_app_with_nothing_lost(default_routing_rules):
    executor = _migrate(BEFORE_THE_MOVE)
    case_ids = _old_database(executor.loader.project_state(BEFORE_THE_MOVE).apps)
    before = _row_counts()

    _migrate(executor.loader.graph.leaf_nodes())

    assert _row_counts() == before
    assert {case.status: case.pk for case in Case.objects.all()} == case_ids
    closed = Case.objects.get(pk=case_ids[CaseStatus.CLOSED])
    assert Listing.objects.get(case=closed).case_id == closed.pk
    assert ListingDecision.objects.get(case=closed).listing.case_id == closed.pk
    assert InformationRequest.objects.get(case=closed).question == "q"
    assert (
        CounterNoticeEvidence.objects.get(counter_notice=CounterNotice.objects.get(case=closed)).original_name
        == "e.pdf"
    )
    assert PenaltyRecord.objects.get(case=closed).store_id == closed.store_id
    assert DeterminationOpinion.objects.get(case=closed).office.organisation.name == "Office"
    assert AdministrativeDecision.objects.get(case=closed).infringement_established
    assert ConsentRequest.objects.get(case=closed).party == "respondent"
    assert Assignment.objects.get(case=closed).official.username == "official"
    assert CaseSession.objects.get(case=closed).location == "Room 1"
    assert Transfer.objects.get(case=closed).to_office.organisation.name == "Other office"
    assert AssistanceRequest.objects.get(case=closed).request == "r"
    assert closed.routing_rule == RoutingRule.objects.get(position=1000)
    assert list(Office.objects.get(organisation__name="Office").regions.all()) == [
        Region.objects.get(code="510000")
    ]
    assert Platform.objects.get().region.name == "Sichuan"
    # The moved tables keep their sequences: the next row gets the next id, not one already taken.
    assert Region.objects.create(code="110000", name="Beijing").pk > Region.objects.get(code="510000").pk
