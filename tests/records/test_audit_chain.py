"""The audit trail is a hash chain: a row edited behind the application's back is found by audit_verify."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from audit.actors import SYSTEM
from audit.anchors import audit_anchor_take
from audit.chain import chain_verify, entry_hash
from audit.models import ActorKind, AuditEntry
from audit.services import audit_entry_build, audit_record, record_many
from cases.models import CaseStatus
from tests.factories import CaseFactory
from tests.records.tampering import audit_entry_rewrite
from tests.unavailable import service_unavailable

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _postgresql_only() -> None:
    if connection.vendor != "postgresql":
        service_unavailable("the trail's triggers exist on PostgreSQL only")


@pytest.fixture
def three_entries(platform):
    case = CaseFactory(complaint__platform=platform)
    return [
        audit_record(actor=SYSTEM, subject=case, action="routed", to_status=CaseStatus.AWAITING_PLATFORM),
        audit_record(actor=SYSTEM, subject=case, action="notice_forwarded", note="sent to the seller"),
        audit_record(actor=SYSTEM, subject=case, action="closed"),
    ]


def _verify() -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("audit_verify", stdout=out)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue()
    return 0, out.getvalue()


def test_each_entry_cites_the_hash_of_the_one_before(three_entries):
    first, second, third = (AuditEntry.objects.get(pk=e.pk) for e in three_entries)

    assert second.previous_hash == first.entry_hash
    assert third.previous_hash == second.entry_hash
    assert [e.chain_position for e in (first, second, third)] == list(
        range(first.chain_position or 0, (first.chain_position or 0) + 3)
    )
    assert _verify() == (0, f"ok: {AuditEntry.objects.count()} entries, head {third.entry_hash}\n")


@pytest.mark.parametrize(
    "columns",
    [{"action": "forged"}, {"note": "sent to someone else"}, {"created_at": "2001-01-01T00:00:00Z"}],
)
def test_a_row_edited_with_sql_is_reported_as_the_first_broken_link(three_entries, columns):
    second = three_entries[1]

    audit_entry_rewrite(second.pk, **columns)

    code, output = _verify()
    assert code == 1
    assert f"BROKEN at entry #{second.pk}" in output
    broken = chain_verify().broken
    assert broken is not None
    assert broken.entry_id == second.pk


def test_a_deleted_row_leaves_a_gap_that_is_reported(three_entries):
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_no_update_delete")
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [three_entries[1].pk])
        cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER audit_entry_no_update_delete")

    broken = chain_verify().broken

    assert broken is not None
    assert broken.entry_id == three_entries[2].pk
    assert "missing" in broken.reason


def test_an_entry_inserted_without_the_chain_is_reported(three_entries):
    AuditEntry.objects.create(
        actor_kind=ActorKind.SYSTEM,
        actor_label="system",
        subject_type="case",
        subject_id=1,
        action="slipped_in",
    )

    code, output = _verify()

    assert code == 1
    assert "has no place in the chain" in output


def test_a_batch_is_chained_in_one_go_in_the_order_given(platform, django_assert_num_queries):
    cases = CaseFactory.create_batch(3, complaint__platform=platform)
    entries = [audit_entry_build(actor=SYSTEM, subject=case, action="routed") for case in cases]

    # the deferred constraints checked, the lock, the time and the head in one round trip + one INSERT (no
    # savepoint: the append runs in the caller's transaction, whose end releases the lock anyway)
    with django_assert_num_queries(2):
        saved = record_many(entries)

    assert [e.case_id for e in AuditEntry.objects.order_by("chain_position")[:3]] == [c.pk for c in cases]
    assert saved[1].previous_hash == saved[0].entry_hash
    assert chain_verify().broken is None


def test_a_days_anchor_is_published_and_catches_a_chain_rewritten_with_fresh_hashes(client, three_entries):
    anchor = audit_anchor_take(day=timezone.localdate())
    assert anchor is not None
    head = AuditEntry.objects.get(pk=three_entries[2].pk)

    page = client.get(reverse("transparency:page")).content.decode()
    published = client.get(reverse("transparency:stats")).json()["audit_anchors"]

    assert head.entry_hash in page
    assert published[0] == {
        "day": timezone.localdate().isoformat(),
        "chain_position": head.chain_position,
        "entry_hash": head.entry_hash,
    }
    # Whoever rewrites an entry and recomputes every hash after it still differs from what was published.
    second = AuditEntry.objects.get(pk=three_entries[1].pk)
    second.action = "forged"
    audit_entry_rewrite(second.pk, action="forged", entry_hash=entry_hash(second))
    third = AuditEntry.objects.get(pk=three_entries[2].pk)
    third.previous_hash = entry_hash(second)
    audit_entry_rewrite(third.pk, previous_hash=third.previous_hash, entry_hash=entry_hash(third))
    broken = chain_verify().broken
    assert broken is not None
    assert (broken.entry_id, broken.reason) == (
        third.pk,
        "differs from the hash published in the day's anchor",
    )


def test_taking_a_days_anchor_twice_keeps_the_first(three_entries):
    first = audit_anchor_take(day=timezone.localdate())
    audit_record(actor=SYSTEM, subject=three_entries[0], action="noted")

    again = audit_anchor_take(day=timezone.localdate())

    assert again == first
