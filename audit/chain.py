"""The audit trail as one hash chain: each entry hashes its own content and the hash of the entry before.

One global chain, not one per case. Entries are appended under a transaction-scoped advisory lock (held
until the writing transaction commits or rolls back), so writers take places one after another and each
reads the committed head before it; `chain_position` is unique, so a writer that skipped the lock fails
instead of forking the chain. A per-case chain would let writers of different cases run side by side,
but entries without a case (calendar, rule and policy edits, anonymisations) would need chains of their
own and a day's anchor would be thousands of heads; the global lock costs one short wait per audited
transaction, which the audited write rates stay far below.

What is hashed (`entry_content`): the position, the previous hash, the database's time, who acted (kind,
user, store), the subject, the action, the statuses, and `personal_data_hash`, the SHA-256 of the parts
that name people (the actor as written, the name given, the note). Redacting those parts for retention
keeps `personal_data_hash`, so the chain still verifies; only the redacted text itself is no longer
checkable, and the redaction is itself an audited entry.
"""

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connection, transaction
from django.utils import timezone

from audit.models import AuditAnchor, AuditEntry

# Any constant bigint: the key of the advisory lock that serialises appends to the chain.
CHAIN_LOCK_KEY = 7_201_612_160_001
GENESIS = ""


def _sha256(value: object) -> str:
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def personal_data_hash(*, actor_label: str, name_given: str, note: str) -> str:
    return _sha256({"actor_label": actor_label, "name_given": name_given, "note": note})


def entry_content(entry: AuditEntry) -> dict[str, object]:
    """Everything an entry's hash covers, as plain values."""
    created_at: datetime = entry.created_at
    return {
        "position": entry.chain_position,
        "previous": entry.previous_hash,
        "at": created_at.astimezone(UTC).isoformat(),
        "actor_kind": entry.actor_kind,
        "actor": entry.actor_id,
        "respondent_store": entry.respondent_store_id,
        "subject_type": entry.subject_type,
        "subject_id": entry.subject_id,
        "case": entry.case_id,
        "action": entry.action,
        "from": entry.from_status,
        "to": entry.to_status,
        "personal": entry.personal_data_hash,
    }


def entry_hash(entry: AuditEntry) -> str:
    return _sha256(entry_content(entry))


def _lock_and_head() -> tuple[datetime, int, str]:
    """Take the chain's lock for the rest of the transaction; give the time entries will carry and the
    head of the chain (position, hash) as committed when the lock was granted.

    On PostgreSQL one round trip of three statements. First the transaction's deferred constraints are
    checked (`SET CONSTRAINTS ALL IMMEDIATE`): the foreign keys of the rows it wrote so far take their
    share locks on the rows they reference now, before the chain's lock, not at COMMIT while holding it.
    Otherwise a transaction holding the chain lock waits at COMMIT for a row (a platform, a store) that
    another transaction has locked and holds while it waits for the chain lock: a deadlock. Then the lock,
    then the head, read by a statement of its own so that (READ COMMITTED) its snapshot is taken after the
    lock was granted. The time is the transaction's (`now()`), the same the trigger of audit 0006 writes
    into every row, so the hash covers the time as stored. SQLite (the one-command trial) has one writer.
    """
    if connection.vendor != "postgresql":
        return (timezone.now(), *_head())
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    head = (
        f"SELECT chain_position, entry_hash FROM {table} WHERE chain_position IS NOT NULL "  # noqa: S608 — our table's name
        "ORDER BY chain_position DESC LIMIT 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SET CONSTRAINTS ALL IMMEDIATE; SELECT pg_advisory_xact_lock(%s); "  # noqa: S608 — no input but the key
            "SELECT now(), head.chain_position, head.entry_hash FROM (VALUES (1)) AS one (x) "
            f"LEFT JOIN ({head}) AS head ON true",
            [CHAIN_LOCK_KEY],
        )
        cursor.nextset()  # the lock's result
        cursor.nextset()  # the head's
        now, position, previous = cursor.fetchone()
    return now, position or 0, previous or GENESIS


def _head() -> tuple[int, str]:
    last = (
        AuditEntry.objects.filter(chain_position__isnull=False)
        .order_by("-chain_position")
        .values_list("chain_position", "entry_hash")
        .first()
    )
    return (last[0] or 0, last[1]) if last is not None else (0, GENESIS)


def chain_and_insert(entries: Sequence[AuditEntry]) -> list[AuditEntry]:
    """Give unsaved entries their places at the head of the chain, in the order given, and insert them
    in one statement. Runs in the caller's transaction when there is one (the advisory lock is held to
    its end whatever savepoint takes it, so a savepoint of its own would only add two statements), in a
    transaction of its own otherwise, so the lock and the rows always go together."""
    if not entries:
        return []
    with transaction.atomic(savepoint=False):
        now, position, previous = _lock_and_head()
        for entry in entries:
            position += 1
            entry.created_at = now
            entry.chain_position = position
            entry.previous_hash = previous
            entry.personal_data_hash = personal_data_hash(
                actor_label=entry.actor_label, name_given=entry.name_given, note=entry.note
            )
            entry.entry_hash = previous = entry_hash(entry)
        return AuditEntry.objects.bulk_create(entries)


@dataclass(frozen=True)
class BrokenLink:
    entry_id: int
    chain_position: int | None
    reason: str

    def __str__(self) -> str:
        return f"entry #{self.entry_id} (position {self.chain_position}): {self.reason}"


@dataclass(frozen=True)
class ChainReport:
    checked: int
    head_position: int
    head_hash: str
    broken: BrokenLink | None


def _in_chain_order() -> Iterator[AuditEntry]:
    yield from (
        AuditEntry.objects.filter(chain_position__isnull=False)
        .order_by("chain_position")
        .iterator(chunk_size=2000)
    )


def _link_fault(entry: AuditEntry, expected_position: int, previous: str) -> str:
    if entry.chain_position != expected_position:
        return f"expected position {expected_position}: an entry is missing or out of place"
    if entry.previous_hash != previous:
        return "does not cite the hash of the entry before it"
    personal = personal_data_hash(actor_label=entry.actor_label, name_given=entry.name_given, note=entry.note)
    if entry.redacted_at is None and entry.personal_data_hash != personal:
        return "who acted, the name given or the note was changed"
    if entry.entry_hash != entry_hash(entry):
        return "its content does not match its hash"
    return ""


def chain_verify() -> ChainReport:
    """Walk the whole chain from its start; stop at the first broken link. Entries with no place in the
    chain and published anchors that the chain no longer contains are broken links too."""
    checked, previous = 0, GENESIS
    hashes_at_anchors = dict(AuditAnchor.objects.values_list("chain_position", "entry_hash"))
    for entry in _in_chain_order():
        fault = _link_fault(entry, checked + 1, previous)
        anchored = hashes_at_anchors.pop(checked + 1, None)
        if not fault and anchored is not None and anchored != entry.entry_hash:
            fault = "differs from the hash published in the day's anchor"
        if fault:
            return ChainReport(checked, checked, previous, BrokenLink(entry.pk, entry.chain_position, fault))
        checked, previous = checked + 1, entry.entry_hash
    unchained = AuditEntry.objects.filter(chain_position__isnull=True).order_by("pk").first()
    if unchained is not None:
        return ChainReport(
            checked, checked, previous, BrokenLink(unchained.pk, None, "has no place in the chain")
        )
    if hashes_at_anchors:
        position = min(hashes_at_anchors)
        return ChainReport(
            checked,
            checked,
            previous,
            BrokenLink(0, position, "a published anchor names a position the chain no longer has"),
        )
    return ChainReport(checked, checked, previous, None)
