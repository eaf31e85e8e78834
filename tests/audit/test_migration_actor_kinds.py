"""Entries written before actors had kinds migrate with nothing lost: each label stays as written, and a
name a respondent typed becomes the name given beside its case's store."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from audit.models import ActorKind, AuditEntry
from tests.factories import CaseFactory, UserFactory

BEFORE_ACTOR_KINDS = [("audit", "0002_append_only")]

# (actor is the user, case, label as written) -> (kind, store is the case's, name given)
OLD_ENTRIES = [
    (True, True, "alice (Acme Rights)", ActorKind.USER, False, ""),
    (False, True, "system", ActorKind.SYSTEM, False, ""),
    (False, False, "system", ActorKind.SYSTEM, False, ""),
    (False, True, "sichuan-official", ActorKind.RESPONDENT, True, "sichuan-official"),
    (False, True, "respondent: Store owner", ActorKind.RESPONDENT, True, "Store owner"),
    (False, True, "被投诉人：张三", ActorKind.RESPONDENT, True, "张三"),
]


def _migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


@pytest.mark.django_db(transaction=True)
def test_entries_of_the_previous_schema_keep_their_labels_and_get_the_actor_they_recorded():
    user = UserFactory(username="alice")
    case = CaseFactory()
    executor = _migrate(BEFORE_ACTOR_KINDS)
    try:
        old_entry = executor.loader.project_state(BEFORE_ACTOR_KINDS).apps.get_model("audit", "AuditEntry")
        ids = [
            old_entry.objects.create(
                actor_id=user.pk if by_user else None,
                actor_label=label,
                subject_type="case",
                subject_id=case.pk,
                case_id=case.pk if on_case else None,
                action="consent_given",
            ).pk
            for by_user, on_case, label, *_ in OLD_ENTRIES
        ]
    finally:
        _migrate(executor.loader.graph.leaf_nodes())

    entries = AuditEntry.objects.in_bulk(ids)
    assert [
        (
            entries[pk].actor_label,
            entries[pk].actor_kind,
            entries[pk].respondent_store_id == case.store_id,
            entries[pk].name_given,
        )
        for pk in ids
    ] == [(label, kind, has_store, name) for _, _, label, kind, has_store, name in OLD_ENTRIES]
    assert entries[ids[0]].actor == user
    assert entries[ids[3]].actor_shown == f"respondent: {case.store}"
