"""Decisions recorded before the statement of reasons had parts migrate readable: their free statement is
the facts, the new parts are empty and automated means are not recorded."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from cases.links import respondent_token
from cases.models import CaseStatus, ListingDecision
from tests.factories import CaseFactory, UserFactory

BEFORE_THE_PARTS = [("cases", "0001_initial")]
OLD_STATEMENT = "A test purchase showed a counterfeit of the registered mark."


def _migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


@pytest.mark.django_db(transaction=True)
def test_a_decision_of_the_previous_schema_keeps_its_statement_as_the_facts(client):
    # given a decision written by the models as they were before the parts
    case = CaseFactory(status=CaseStatus.NOTICE_FORWARDED)
    listing = case.listings.get()
    staff = UserFactory(organisation=case.platform.organisation)
    executor = _migrate(BEFORE_THE_PARTS)
    old = executor.loader.project_state(BEFORE_THE_PARTS).apps.get_model("cases", "ListingDecision")
    old.objects.create(
        listing_id=listing.pk,
        case_id=case.pk,
        decided_by_id=staff.pk,
        action="take_down",
        reason_code="counterfeit",
        statement=OLD_STATEMENT,
    )

    # when the database migrates to the current schema
    _migrate(executor.loader.graph.leaf_nodes())

    # then the decision reads back with its statement as the facts and no part made up
    decision = ListingDecision.objects.get()
    assert decision.statement == OLD_STATEMENT
    assert (decision.measure_scope, decision.legal_ground, decision.redress, decision.notice_cited) == (
        "",
    ) * 4
    assert decision.automated_means is None
    page = client.get(reverse("respondents:case", args=[respondent_token(case)])).content.decode()
    assert OLD_STATEMENT in page.split("Facts and reasons relied on")[1]
