"""Entries written before the chain get their places through the migration, in the order written, and the
chain verifies; new entries continue it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from audit.actors import SYSTEM
from audit.chain import chain_verify
from audit.models import AuditEntry
from audit.services import audit_record
from tests.factories import CaseFactory

BEFORE_THE_CHAIN = [("audit", "0005_time_set_by_database")]


def _migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


@pytest.mark.django_db(transaction=True)
def test_entries_of_the_previous_schema_are_chained_in_the_order_written():
    case = CaseFactory()
    executor = _migrate(BEFORE_THE_CHAIN)
    try:
        old_entry = executor.loader.project_state(BEFORE_THE_CHAIN).apps.get_model("audit", "AuditEntry")
        ids = [
            old_entry.objects.create(
                actor_kind="system",
                actor_label="system",
                subject_type="case",
                subject_id=case.pk,
                action=action,
            ).pk
            for action in ("routed", "notice_forwarded", "closed")
        ]
    finally:
        _migrate(executor.loader.graph.leaf_nodes())

    chained = list(AuditEntry.objects.filter(pk__in=ids).order_by("chain_position"))
    assert [entry.pk for entry in chained] == ids
    assert chained[1].previous_hash == chained[0].entry_hash
    latest = audit_record(actor=SYSTEM, subject=case, action="noted")
    assert latest.previous_hash == chained[-1].entry_hash
    assert chain_verify().broken is None
