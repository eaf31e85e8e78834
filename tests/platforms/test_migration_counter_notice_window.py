"""Existing platforms get the counter-notice window counted sensibly when the kind of count is added."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from iprgov.day_count import DayCount
from platforms.models import Platform

BEFORE = [("platforms", "0004_store_language")]


def _migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


@pytest.mark.django_db(transaction=True)
def test_the_default_window_becomes_the_laws_calendar_days_and_a_chosen_one_stays_in_working_days():
    # Given a database from before: one platform at the default 15 (working) days, one that chose 20
    executor = _migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    organisation = old.get_model("accounts", "Organisation")
    region = old.get_model("regions", "Region").objects.create(code="510000", name="Sichuan")
    old_platform = old.get_model("platforms", "Platform")
    old_platform.objects.create(
        organisation=organisation.objects.create(name="Default", kind="platform"), region=region
    )
    old_platform.objects.create(
        organisation=organisation.objects.create(name="Own rules", kind="platform"),
        region=region,
        counter_notice_window_days=20,
    )

    # When it migrates to the current schema
    _migrate(executor.loader.graph.leaf_nodes())

    # Then the default one counts 15 calendar days (art. 43), the other keeps its 20 working days
    windows = {
        p.organisation.name: (p.counter_notice_window_days, p.counter_notice_window_counts)
        for p in Platform.objects.select_related("organisation")
    }
    assert windows == {"Default": (15, DayCount.CALENDAR), "Own rules": (20, DayCount.WORKING)}
