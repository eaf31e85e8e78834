"""A realistic world loaded set-based: `INSERT ... SELECT generate_series` into the product's own tables.

The shape follows a national marketplace: 80% of the cases on one platform, about 24% in one office's
docket, two cases (stores) per complaint and two listings per case, every mode and status of
bench/profiles.py with the records each has by then, and one case with 10,000 listings and 1,000 history
entries. Everything a row is made of is a function of its number (`_pick`), so a load is repeatable.

`world_create()` makes the organisations, users, platforms, offices and stores, sized for the cases to come;
`cases_load()` adds cases (with their complaints, listings, audit entries, decisions and office records)
by index range, so a benchmark can measure between two loads; `big_case_load()` adds the large case.
Ids are taken above the highest id of each table, so a database holding other rows is fine.

The rows are the product's own: each case has its listing count, last change and routing record, every file
column its SHA-256, size and content type (of one stored stand-in document), and the audit entries a load
writes are appended to the one hash chain of audit/chain.py, hashed in SQL (`_audit_chain`), so
`manage.py audit_verify` passes on a loaded world. The daily figures are not loaded: rebuild them after
loading (`aggregates.services.statistics_rebuild()`), as bench/run.py does.

With `fast=True` (the benchmark, as a superuser) the load runs with `session_replication_role = replica`:
foreign-key checks and the audit trail's time trigger are skipped (the audit entries get realistic times);
check and unique constraints still hold. `fast=False` (the test) keeps every check.
"""

import io
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import Model

from accounts.models import Membership, Organisation, OrgKind, Role, SupervisingAuthority, User
from audit.chain import CHAIN_LOCK_KEY, GENESIS
from audit.models import ActorKind, AuditEntry
from bench.profiles import PROFILE_COLUMNS, profile_rows
from cases.actions import CaseAction
from cases.models import (
    AdministrativeDecision,
    Assignment,
    Case,
    CaseSession,
    ConsentRequest,
    CounterNotice,
    DeterminationOpinion,
    InformationRequest,
    ListingDecision,
    RoutingKind,
    RoutingRecord,
)
from complaints.models import Complaint, EvidenceFile, IPRight, Listing, RightType
from enforcement.models import Office
from iprgov.file_integrity import FileRecord, record_of
from platforms.models import Platform, Store
from regions.models import Region

PLATFORMS = 5
OFFICES = 8
HOLDERS = 50
LISTINGS_PER_CASE = 2
MAIN_PLATFORM_SHARE = 80  # percent of complaints on platform 0
MAIN_OFFICE_SHARE = 24  # percent of cases in office 0's docket
MAIN_HOLDER_SHARE = 2  # percent of complaints filed by holder 0 (the signed-in rightsholder)
DAYS_OF_HISTORY = 730
# Every loaded evidence file and certificate is this one stored file, recorded as the product records one.
BENCH_PDF = b"%PDF-1.4\n% iprgov bench world: a stand-in for an uploaded document\n%%EOF\n"
EVIDENCE_NAME, CERTIFICATE_NAME = "evidence/bench.pdf", "certificates/bench.pdf"


def _pick(expr: str, salt: int, modulo: int) -> str:
    """SQL for a well-spread number in [0, modulo) made from the integer `expr` (Knuth's multiplicative hash)."""
    return f"((({expr})::bigint + {salt * 7919}) * 2654435761 % 4294967296 % {modulo})"


def _table(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _next_id(model: type[Model]) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT coalesce(max(id), 0) FROM {_table(model)}")  # noqa: S608 — a model's table
        return cursor.fetchone()[0]


def _insert(model: type[Model], columns: dict[str, str], source: str) -> int:
    """INSERT INTO the model's table the columns (name -> SQL expression) SELECTed from `source`."""
    sql = (
        f"INSERT INTO {_table(model)} ({', '.join(columns)}) "  # noqa: S608 — our own expressions
        f"SELECT {', '.join(columns.values())} FROM {source}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.rowcount


def _advance_sequences(*models: type[Model]) -> None:
    """Explicit ids were inserted: move each id sequence past them."""
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT max(id) FROM {_table(model)}))",  # noqa: S608
                [table],
            )


@dataclass(frozen=True)
class World:
    """Where the rows of a loaded world start: row k of a kind has id `<kind>_base + k + 1`."""

    cases: int  # planned in all, for the sizes of everything else
    stores: int
    org_base: int
    user_base: int
    region_base: int
    office_base: int
    platform_base: int
    store_base: int
    right_base: int
    complaint_base: int
    case_base: int
    listing_base: int

    # Organisations: holders 0..H-1, platforms H.., offices H+P..; one user per organisation and, in each
    # office, a second official (the manager): users are numbered like the organisations, managers after.
    def holder_user(self, k: int = 0) -> int:
        return self.user_base + k + 1

    def platform_user(self, k: int = 0) -> int:
        return self.user_base + HOLDERS + k + 1

    def office_user(self, k: int = 0) -> int:
        return self.user_base + HOLDERS + PLATFORMS + k + 1

    def office_manager(self, k: int = 0) -> int:
        return self.user_base + HOLDERS + PLATFORMS + OFFICES + k + 1

    def supervisor_user(self) -> int:
        """The supervising authority's user (of every region), after the managers."""
        return self.user_base + HOLDERS + PLATFORMS + 2 * OFFICES + 1

    def platform_id(self, k: int = 0) -> int:
        return self.platform_base + k + 1

    def office_id(self, k: int = 0) -> int:
        return self.office_base + k + 1

    def stores_of(self, platform: int) -> tuple[int, int]:
        """(index of the first store, number of stores) of platform k: 80% of the stores on platform 0."""
        main = self.stores * MAIN_PLATFORM_SHARE // 100
        if platform == 0:
            return 0, main
        each = (self.stores - main) // (PLATFORMS - 1)
        return main + (platform - 1) * each, each


def world_create(*, cases: int, fast: bool = False) -> World:
    """Organisations, users and memberships, regions, offices, platforms, stores and rights for `cases`."""
    stores = max(cases // 4, 4 * PLATFORMS)
    world = World(
        cases=cases,
        stores=stores,
        org_base=_next_id(Organisation),
        user_base=_next_id(User),
        region_base=_next_id(Region),
        office_base=_next_id(Office),
        platform_base=_next_id(Platform),
        store_base=_next_id(Store),
        right_base=_next_id(IPRight),
        complaint_base=_next_id(Complaint),
        case_base=_next_id(Case),
        listing_base=_next_id(Listing),
    )
    run = secrets.token_hex(4)
    orgs = HOLDERS + PLATFORMS + OFFICES
    certificate = _stored_file(CERTIFICATE_NAME)
    kinds = (
        f"CASE WHEN n < {HOLDERS} THEN '{OrgKind.RIGHTSHOLDER}' "
        f"WHEN n < {HOLDERS + PLATFORMS} THEN '{OrgKind.PLATFORM}' ELSE '{OrgKind.OFFICE}' END"
    )
    with transaction.atomic(), _load_mode(fast):
        _insert(
            Organisation,
            {
                "id": f"{world.org_base} + n + 1",
                "name": f"'Bench ' || ({kinds}) || ' ' || n || ' {run}'",
                "kind": kinds,
                "contact_email": "'org' || n || '@bench.example.test'",
                "created_at": f"now() - interval '{DAYS_OF_HISTORY + 30} days'",
            },
            f"generate_series(0, {orgs - 1}) n",
        )
        # One user per organisation, then a manager in each office.
        users = orgs + OFFICES
        _insert(
            User,
            {
                "id": f"{world.user_base} + n + 1",
                "password": "'!bench'",  # unusable: the benchmark signs in by making sessions
                "is_superuser": "false",
                "username": f"'bench-{run}-' || n",
                "first_name": "'Bench'",
                "last_name": "'User ' || n",
                "email": "'user' || n || '@bench.example.test'",
                "is_staff": "false",
                "is_active": "true",
                "date_joined": f"now() - interval '{DAYS_OF_HISTORY + 30} days'",
                "language": "''",
                "time_zone": "''",
            },
            f"generate_series(0, {users - 1}) n",
        )
        _insert(
            Membership,
            {
                "user_id": f"{world.user_base} + n + 1",
                "organisation_id": f"{world.org_base} + CASE WHEN n < {orgs} THEN n ELSE n - {OFFICES} END + 1",
                "role": f"CASE WHEN n < {orgs} THEN '{Role.MEMBER}' ELSE '{Role.MANAGER}' END",
            },
            f"generate_series(0, {users - 1}) n",
        )
        _insert(
            Region,
            {
                "id": f"{world.region_base} + n + 1",
                "code": f"'B{run[:6]}' || n",
                "name": "'Bench region ' || n",
                "parent_id": "NULL",
            },
            f"generate_series(0, {OFFICES - 1}) n",
        )
        _insert(
            Office,
            {
                "id": f"{world.office_base} + n + 1",
                "organisation_id": f"{world.org_base} + {HOLDERS + PLATFORMS} + n + 1",
                "opinion_deadline_days": "2",
            },
            f"generate_series(0, {OFFICES - 1}) n",
        )
        through = Office.regions.through
        _insert(
            through,
            {"office_id": f"{world.office_base} + n + 1", "region_id": f"{world.region_base} + n + 1"},
            f"generate_series(0, {OFFICES - 1}) n",
        )
        _insert(
            Platform,
            {
                "id": f"{world.platform_base} + n + 1",
                "organisation_id": f"{world.org_base} + {HOLDERS} + n + 1",
                "region_id": f"{world.region_base} + n % {OFFICES} + 1",
                "counter_notice_window_days": "15",
            },
            f"generate_series(0, {PLATFORMS - 1}) n",
        )
        _insert(
            Store,
            {
                "id": f"{world.store_base} + n + 1",
                "platform_id": f"{world.platform_base} + {_store_platform('n', world)} + 1",
                "external_id": "'store-' || n",
                "name": "'Store ' || n",
                "region_id": f"{world.region_base} + {_pick('n', 1, OFFICES)} + 1",
                "contact_email": "'store' || n || '@sellers.example.test'",
                "language": "CASE WHEN n % 2 = 0 THEN 'zh-hans' ELSE 'en' END",
                "standing": "'good'",
            },
            f"generate_series(0, {stores - 1}) n",
        )
        right_types = RightType.values
        _insert(
            IPRight,
            {
                "id": f"{world.right_base} + n + 1",
                "owner_org_id": f"{world.org_base} + n + 1",
                "right_type": f"(ARRAY{right_types!r})[n % {len(right_types)} + 1]",
                "registration_number": f"'BENCH-{run}-' || n",
                "title": "'Bench mark ' || n",
                "owner_name": "'Bench holder ' || n",
                "jurisdiction": "'CN'",
                "valid_from": f"current_date - {DAYS_OF_HISTORY + 365}",
                "valid_until": "current_date + 3650",
                "certificate": f"'{CERTIFICATE_NAME}'",
                **_file_columns("certificate", certificate),
                "evaluation_report": "''",
                "verification_status": "'verified'",
                "authorisation_id": "NULL",
                "created_at": f"now() - interval '{DAYS_OF_HISTORY + 30} days'",
            },
            f"generate_series(0, {HOLDERS - 1}) n",
        )
        _supervisor_create(world, run)
        _advance_sequences(Organisation, User, Region, Office, Platform, Store, IPRight)
    return world


def _supervisor_create(world: World, run: str) -> None:
    """A supervising authority of every region of the world, with one user (ids after the managers')."""
    organisation = Organisation.objects.create(
        id=world.org_base + HOLDERS + PLATFORMS + OFFICES + 1,
        name=f"Bench supervisor {run}",
        kind=OrgKind.SUPERVISOR,
        contact_email="supervisor@bench.example.test",
    )
    user = User.objects.create(
        id=world.supervisor_user(),
        username=f"bench-{run}-supervisor",
        password="!bench",  # noqa: S106
    )
    Membership.objects.create(user=user, organisation=organisation, role=Role.MEMBER)
    authority = SupervisingAuthority.objects.create(organisation=organisation)
    authority.regions.set(range(world.region_base + 1, world.region_base + OFFICES + 1))


def _stored_file(name: str) -> FileRecord:
    """The bench document stored under `name` (once) and its record: SHA-256, size, content type."""
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(BENCH_PDF))
    return record_of(io.BytesIO(BENCH_PDF), name)


def _file_columns(field: str, record: FileRecord) -> dict[str, str]:
    """SQL for the three columns that record the file in `field` (iprgov/file_integrity.py)."""
    return {
        f"{field}_sha256": f"'{record.sha256}'",
        f"{field}_size": str(record.size),
        f"{field}_content_type": f"'{record.content_type}'",
    }


def _store_platform(n: str, world: World) -> str:
    """SQL: the platform index (0..) of store number `n`, as World.stores_of lays them out."""
    main = world.stores_of(0)[1]
    each = world.stores_of(1)[1]
    return f"CASE WHEN {n} < {main} THEN 0 ELSE least(({n} - {main}) / {each} + 1, {PLATFORMS - 1}) END"


@contextmanager
def _load_mode(fast: bool) -> Iterator[None]:
    """Inside a transaction: skip foreign-key checks and triggers for the rest of it (fast), or not."""
    if fast:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
    yield


def _profile_table() -> None:
    """A temporary table of the 100 buckets and the profile each gives a case."""
    rows = profile_rows()
    definitions = ", ".join(
        f"{name} {'boolean' if isinstance(value, bool) else 'integer' if isinstance(value, int) else 'text'}"
        for name, value in zip(PROFILE_COLUMNS, rows[0], strict=True)
    )
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_profile")
        cursor.execute(f"CREATE TEMP TABLE bench_profile ({definitions})")
        placeholders = ", ".join(["%s"] * len(PROFILE_COLUMNS))
        cursor.executemany(
            f"INSERT INTO bench_profile VALUES ({placeholders})",  # noqa: S608 — placeholders only
            [tuple(v if isinstance(v, bool | int) else str(v) for v in row) for row in rows],
        )


def _case_shape(world: World, first: int, count: int) -> None:
    """A temporary table with one row per case index in [first, first + count): everything the inserts of
    its rows need (ids, profile, times), so each insert below is a plain SELECT from it."""
    platform = f"CASE WHEN {_pick('c', 1, 100)} < {MAIN_PLATFORM_SHARE} THEN 0 ELSE 1 + {_pick('c', 2, PLATFORMS - 1)} END"
    first_store = {p: world.stores_of(p) for p in range(PLATFORMS)}
    store_first = "CASE p " + " ".join(f"WHEN {p} THEN {s[0]}" for p, s in first_store.items()) + " END"
    store_count = "CASE p " + " ".join(f"WHEN {p} THEN {s[1]}" for p, s in first_store.items()) + " END"
    holder = f"CASE WHEN {_pick('c', 4, 100)} < {MAIN_HOLDER_SHARE} THEN 0 ELSE 1 + {_pick('c', 5, HOLDERS - 1)} END"
    office = f"CASE WHEN {_pick('n', 6, 100)} < {MAIN_OFFICE_SHARE} THEN 0 ELSE 1 + {_pick('n', 7, OFFICES - 1)} END"
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_case")
        cursor.execute(
            f"""
            CREATE TEMP TABLE bench_case AS
            WITH base AS (
                SELECT n, n / 2 AS c, n % 2 AS k FROM generate_series({first}, {first + count - 1}) n
            ), placed AS (
                SELECT base.*, {platform} AS p, {holder} AS h, {office} AS o,
                       {_pick("n", 8, 100)} AS bucket,
                       now() - make_interval(secs => {_pick("c", 9, DAYS_OF_HISTORY * 86400)}) AS filed_at
                FROM base
            )
            SELECT *,
                   {world.case_base} + n + 1 AS case_id,
                   {world.complaint_base} + c + 1 AS complaint_id,
                   {world.store_base} + {store_first} + ({_pick("c", 3, 1_000_000_007)} + k) % ({store_count}) + 1
                       AS store_id,
                   'store-' || ({store_first} + ({_pick("c", 3, 1_000_000_007)} + k) % ({store_count})) AS store_ref,
                   filed_at + interval '1 minute' AS routed_at,
                   filed_at + interval '2 days' AS decided_at,
                   filed_at + interval '12 days' AS closed_at
            FROM placed JOIN bench_profile USING (bucket)
            """  # noqa: S608 — our own expressions
        )
        cursor.execute("CREATE INDEX ON bench_case (k)")
        cursor.execute("ANALYZE bench_case")


def cases_load(world: World, *, first: int, count: int, fast: bool = False) -> int:
    """Cases [first, first + count) with their complaints (two cases each: `first` and `count` even),
    listings, evidence, audit entries and every record of their profile. Returns the cases made."""
    assert first % 2 == 0 and count % 2 == 0, "a complaint's two cases load together"
    with transaction.atomic(), _load_mode(fast):
        _profile_table()
        _case_shape(world, first, count)
        _complaints(world)
        _cases(world)
        _listings(world)
        _routing_records("bench_case")
        _audit_stage()
        _audit_entries(world)
        _audit_chain(fast)
        _platform_records(world)
        _office_records(world)
        _advance_sequences(Complaint, Case, Listing)
    return count


def _complaints(world: World) -> None:
    _insert(
        Complaint,
        {
            "id": "complaint_id",
            "filed_by_org_id": f"{world.org_base} + h + 1",
            "filed_by_id": f"{world.user_base} + h + 1",
            "right_id": f"{world.right_base} + h + 1",
            "authorisation_id": "NULL",
            "platform_id": f"{world.platform_base} + p + 1",
            "infringement_type": "(ARRAY['counterfeit', 'trademark', 'patent', 'copyright'])[h % 4 + 1]",
            "description": "'Counterfeit goods offered under the registered mark (bench complaint ' || c || ').'",
            "good_faith_declared": "true",
            "requested_administrative": "mode = 'administrative'",
            "status": "'submitted'",
            "created_at": "filed_at - interval '10 minutes'",
            "submitted_at": "filed_at",
            "acknowledged_at": "routed_at",
        },
        "bench_case WHERE k = 0",
    )
    _insert(
        EvidenceFile,
        {
            "complaint_id": "complaint_id",
            "file": f"'{EVIDENCE_NAME}'",
            **_file_columns("file", _stored_file(EVIDENCE_NAME)),
            "original_name": "'test purchase.pdf'",
            "description": "''",
            "uploaded_at": "filed_at - interval '5 minutes'",
        },
        "bench_case WHERE k = 0",
    )


def _cases(world: World) -> None:
    open_deadline = f"current_date + ({_pick('n', 11, 25)}::int - 5)"
    _insert(
        Case,
        {
            "id": "case_id",
            "complaint_id": "complaint_id",
            "complainant_org_id": f"{world.org_base} + h + 1",
            "store_id": "store_id",
            "platform_id": f"{world.platform_base} + p + 1",
            "status": "status",
            "mode": "mode",
            "office_id": f"{world.office_base} + o + 1",
            "routing_rule_id": "NULL",
            "routing_reason": "'Rule 1 matched (bench world). Mode: ' || mode || '.'",
            "deadline": f"CASE WHEN is_open THEN {open_deadline} ELSE (filed_at + interval '10 days')::date END",
            "deadline_counts": "'working'",
            "created_at": "filed_at",
            "routed_at": "routed_at",
            "outcome": "outcome",
            "decided_at": "CASE WHEN outcome <> '' THEN decided_at END",
            "notice_forwarded_at": "CASE WHEN outcome = 'upheld' AND mode <> 'administrative' THEN decided_at END",
            "closure": "closure",
            "closed_at": "CASE WHEN status IN ('closed', 'withdrawn') THEN closed_at END",
            "follow_up_reference": "CASE WHEN closure = 'follow_up_filed' THEN 'Court filing ' || n ELSE '' END",
            "follow_up_case_id": "NULL",
            "reminded_for": "NULL",
            "overdue_for": "NULL",
            "escalated_at": "NULL",
            "fallback_reason": "''",
            "accepted_at": "CASE WHEN accepted THEN routed_at + interval '1 day' END",
            "listing_count": str(LISTINGS_PER_CASE),
            # The last step the loaded history shows (never later than now).
            "updated_at": "least(now(), CASE WHEN status IN ('closed', 'withdrawn') THEN closed_at "
            "WHEN last_action <> '' THEN decided_at ELSE routed_at END)",
        },
        "bench_case",
    )


def _routing_records(source: str) -> None:
    """The routing by the rules of each case in `source` (case_id, mode, office, reason, routed_at),
    as the routing service records it; the bench world has no routing rule rows."""
    _insert(
        RoutingRecord,
        {
            "case_id": "c.id",
            "kind": f"'{RoutingKind.ROUTED}'",
            "mode": "c.mode",
            "office_id": "c.office_id",
            "rule_id": "NULL",
            "reason": "c.routing_reason",
            "recorded_by_id": "NULL",
            "recorded_at": "c.routed_at",
        },
        f"{_table(Case)} c JOIN {source} s ON s.case_id = c.id",
    )


def _listings(world: World) -> None:
    _insert(
        Listing,
        {
            "id": f"{world.listing_base} + n * {LISTINGS_PER_CASE} + j + 1",
            "complaint_id": "complaint_id",
            "url": f"'https://shop.example.test/item/' || ({world.listing_base} + n * {LISTINGS_PER_CASE} + j + 1)",
            "listing_ref": "''",
            "store_ref": "store_ref",
            "store_name": "'Store ' || substr(store_ref, 7)",
            "store_email": "''",
            "store_language": "''",
            "store_region_id": "NULL",
            "store_id": "store_id",
            "bulk_upload_id": "NULL",
            "bulk_row": "NULL",
            "case_id": "case_id",
            "status": "listing_status",
        },
        f"bench_case, generate_series(0, {LISTINGS_PER_CASE - 1}) j",
    )


def _audit(
    *, at: str, actor: str, action: str, from_status: str, to_status: str, source: str, note: str = "''"
) -> None:
    """Audit entries on cases by a user (`actor`, SQL for the user id; NULL for the system), staged in
    bench_audit until _audit_chain() gives them their places in the chain."""
    columns = {
        "created_at": at,
        "actor_kind": f"CASE WHEN ({actor}) IS NULL THEN '{ActorKind.SYSTEM}' ELSE '{ActorKind.USER}' END",
        "actor_id": actor,
        "respondent_store_id": "NULL",
        "name_given": "''",
        "actor_label": f"CASE WHEN ({actor}) IS NULL THEN 'system' ELSE 'bench user ' || ({actor}) END",
        "subject_type": "'case'",
        "subject_id": "case_id",
        "case_id": "case_id",
        "action": action,
        "from_status": from_status,
        "to_status": to_status,
        "note": note,
    }
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO bench_audit ({', '.join(columns)}) SELECT {', '.join(columns.values())} FROM {source}"  # noqa: S608
        )


def _audit_stage() -> None:
    """The empty staging table of the audit entries a load writes."""
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_audit")
        cursor.execute(
            f"CREATE TEMP TABLE bench_audit AS SELECT {', '.join(AUDIT_COLUMNS)} "  # noqa: S608 — our columns
            f"FROM {_table(AuditEntry)} LIMIT 0"
        )
        cursor.execute("ALTER TABLE bench_audit ADD COLUMN seq bigserial")


def _json(sql: str) -> str:
    """SQL: the value as json.dumps(..., ensure_ascii=False) writes it; null for NULL."""
    return f"coalesce(to_json({sql})::text, 'null')"


def _python_isoformat(sql: str) -> str:
    """SQL: a timestamptz as Python's `astimezone(UTC).isoformat()` (no fraction when it is zero)."""
    utc = f"(({sql}) AT TIME ZONE 'UTC')"
    return (
        f"""to_char({utc}, 'YYYY-MM-DD"T"HH24:MI:SS') || CASE WHEN to_char({utc}, 'US') = '000000' """
        f"THEN '' ELSE '.' || to_char({utc}, 'US') END || '+00:00'"
    )


def _sha256_hex(sql: str) -> str:
    return f"encode(sha256(convert_to({sql}, 'UTF8')), 'hex')"


def _audit_chain(fast: bool) -> None:
    """Append the staged entries to the audit chain, in the order of their times, hashed exactly as
    audit/chain.py hashes (`entry_content`, JSON with sorted keys): the content of each entry but the
    previous hash is made set-based, then one pass over them in order chains the hashes (each needs the
    one before), and one INSERT writes them. Under the chain's lock, as every writer of the product."""
    # With every trigger on (not fast), the database sets each entry's time to the transaction's.
    at = "created_at" if fast else "now()"
    personal = _sha256_hex(
        f"""'{{"actor_label":' || {_json("actor_label")} || ',"name_given":' || {_json("name_given")} """
        f"""|| ',"note":' || {_json("note")} || '}}'"""
    )
    before_previous = (
        f"""'{{"action":' || {_json("action")} || ',"actor":' || {_json("actor_id")} """
        f"""|| ',"actor_kind":' || {_json("actor_kind")} || ',"at":' || {_json(_python_isoformat(at))} """
        f"""|| ',"case":' || {_json("case_id")} || ',"from":' || {_json("from_status")} """
        f"""|| ',"personal":' || {_json("personal")} || ',"position":' || position || ',"previous":'"""
    )
    after_previous = (
        f"""',"respondent_store":' || {_json("respondent_store_id")} || ',"subject_id":' || {_json("subject_id")} """
        f"""|| ',"subject_type":' || {_json("subject_type")} || ',"to":' || {_json("to_status")} || '}}'"""
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])
        cursor.execute(
            f"SELECT chain_position, entry_hash FROM {_table(AuditEntry)} "  # noqa: S608 — a model's table
            "WHERE chain_position IS NOT NULL ORDER BY chain_position DESC LIMIT 1"
        )
        head_position, head_hash = cursor.fetchone() or (0, GENESIS)
        cursor.execute("DROP TABLE IF EXISTS bench_chain")
        cursor.execute(
            f"""
            CREATE TEMP TABLE bench_chain AS
            WITH placed AS (
                SELECT *, {at} AS at, {head_position} + row_number() OVER (ORDER BY created_at, seq) AS position
                FROM bench_audit
            ), personal AS (SELECT *, {personal} AS personal FROM placed)
            SELECT *, {before_previous} AS before_previous, {after_previous} AS after_previous FROM personal
            """  # noqa: S608 — our own expressions
        )
        link = _sha256_hex("entry.before_previous || '\"' || previous || '\"' || entry.after_previous")
        cursor.execute("CREATE TEMP TABLE IF NOT EXISTS bench_chain_hash (position bigint, entry_hash text)")
        cursor.execute("TRUNCATE bench_chain_hash")
        cursor.execute(
            f"""
            DO $$
            DECLARE
                entry record;
                previous text := '{head_hash}';
            BEGIN
                FOR entry IN SELECT position, before_previous, after_previous FROM bench_chain ORDER BY position
                LOOP
                    previous := {link};
                    INSERT INTO bench_chain_hash VALUES (entry.position, previous);
                END LOOP;
            END $$
            """  # noqa: S608 — our own expressions; the head's hash is hex read from the table
        )
        cursor.execute(
            f"INSERT INTO {_table(AuditEntry)} ({', '.join(AUDIT_COLUMNS)}, chain_position, previous_hash, "  # noqa: S608
            "personal_data_hash, entry_hash) "
            f"SELECT {', '.join(AUDIT_COLUMNS)}, c.position, "
            "coalesce(lag(h.entry_hash) OVER (ORDER BY c.position), %s), c.personal, h.entry_hash "
            "FROM bench_chain c JOIN bench_chain_hash h USING (position) ORDER BY c.position",
            [head_hash],
        )


AUDIT_COLUMNS = (
    "created_at",
    "actor_kind",
    "actor_id",
    "respondent_store_id",
    "name_given",
    "actor_label",
    "subject_type",
    "subject_id",
    "case_id",
    "action",
    "from_status",
    "to_status",
    "note",
)


def _routed_status() -> str:
    return (
        "CASE mode WHEN 'platform' THEN 'awaiting_platform' WHEN 'assisted' THEN 'awaiting_opinion' "
        "ELSE 'awaiting_consent' END"
    )


def _opened_and_routed(*, source: str, routed_at: str, routed_status: str) -> None:
    """The system's two first entries of each case in `source`: opened when filed, then routed."""
    system = "NULL::bigint"
    _audit(
        at="filed_at",
        actor=system,
        action=f"'{CaseAction.OPENED}'",
        from_status="'new'",
        to_status="'new'",
        source=source,
    )
    _audit(
        at=routed_at,
        actor=system,
        action=f"'{CaseAction.ROUTED}'",
        from_status="'new'",
        to_status=routed_status,
        source=source,
        note="'Rule 1 matched (bench world).'",
    )


def _audit_entries(world: World) -> None:
    _opened_and_routed(source="bench_case", routed_at="routed_at", routed_status=_routed_status())
    # The step that brought the case where it is, by the platform's or the office's user.
    by_office = "last_action IN ('opinion_issued', 'case_accepted', 'decision_issued', 'mediation_agreement')"
    _audit(
        at="decided_at",
        actor=f"CASE WHEN {by_office} THEN {world.office_user()} + o ELSE {world.platform_user()} + p END",
        action="last_action",
        from_status="last_from",
        to_status="status",
        source="bench_case WHERE last_action <> ''",
    )


def _platform_records(world: World) -> None:
    listing = f"{world.listing_base} + n * {LISTINGS_PER_CASE} + j + 1"
    _insert(
        ListingDecision,
        {
            "listing_id": listing,
            "case_id": "case_id",
            "decided_by_id": f"{world.platform_user()} + p",
            "action": "decision",
            "reason_code": "CASE decision WHEN 'take_down' THEN 'counterfeit' ELSE 'insufficient_evidence' END",
            "reason_label": "''",
            "measure_scope": "'Listing removed from the platform.'",
            "statement": "'The evidence shows the goods infringe the registered right.'",
            "notice_cited": "'Complaint ' || complaint_id",
            "cites_office_record": "''",
            "legal_ground": "'E-Commerce Law art. 42'",
            "automated_means": "false",
            "redress": "'A counter-notice within 15 days.'",
            "created_at": "decided_at",
        },
        f"bench_case, generate_series(0, {LISTINGS_PER_CASE - 1}) j WHERE is_decided",
    )
    _insert(
        CounterNotice,
        {
            "case_id": "case_id",
            "respondent_name": "'Store ' || substr(store_ref, 7)",
            "contact_email": "'store' || substr(store_ref, 7) || '@sellers.example.test'",
            "statement": "'The goods are genuine: invoices attached.'",
            "declaration": "true",
            "submitted_at": "decided_at + interval '3 days'",
            "forwarded_at": "CASE WHEN counter_notice_forwarded THEN decided_at + interval '4 days' END",
        },
        "bench_case WHERE counter_notice",
    )
    _insert(
        InformationRequest,
        {
            "requested_by_id": f"{world.platform_user()} + p",
            "requested_at": "routed_at + interval '1 hour'",
            "answer": "''",
            "answered_by_id": "NULL",
            "answered_at": "NULL",
            "case_id": "case_id",
            "question": "'Send the registration certificate in colour.'",
            "due_on": "(routed_at + interval '7 days')::date",
        },
        "bench_case WHERE information_request",
    )


def _office_records(world: World) -> None:
    official, manager = f"{world.office_user()} + o", f"{world.office_manager()} + o"
    _insert(
        DeterminationOpinion,
        {
            "case_id": "case_id",
            "office_id": f"{world.office_base} + o + 1",
            "official_id": official,
            "outcome": "CASE WHEN outcome = 'not_upheld' THEN 'not_infringing' ELSE 'infringing' END",
            "reasoning": "'The technical features match claim 1.'",
            "technical_comparison": "''",
            "issued_at": "routed_at + interval '1 day'",
        },
        "bench_case WHERE opinion",
    )
    _insert(
        ConsentRequest,
        {
            "case_id": "case_id",
            "party": "party",
            "status": "consent",
            "requested_at": "routed_at",
            "due_on": "(routed_at + interval '10 days')::date",
            "answered_at": "CASE WHEN consent = 'given' THEN routed_at + interval '1 day' END",
            "answered_by_id": f"CASE WHEN consent = 'given' AND party = 'complainant' THEN {world.user_base} + h + 1 END",
            "answered_by_name": "CASE WHEN consent = 'given' AND party = 'respondent' THEN 'Store owner' ELSE '' END",
            "note": "''",
        },
        "bench_case, unnest(ARRAY['complainant', 'respondent']) party WHERE consent <> ''",
    )
    _insert(
        Assignment,
        {
            "case_id": "case_id",
            "official_id": official,
            "assigned_by_id": manager,
            "assigned_at": "routed_at + interval '2 days'",
        },
        "bench_case WHERE assigned",
    )
    _insert(
        AdministrativeDecision,
        {
            "case_id": "case_id",
            "office_id": f"{world.office_base} + o + 1",
            "official_id": official,
            "infringement_established": "true",
            "measures_ordered": "'Remove the listings and stop selling.'",
            "reasoning": "'The goods bear the registered mark without consent.'",
            "issued_at": "decided_at - interval '1 hour'",
        },
        "bench_case WHERE office_decision",
    )
    _insert(
        CaseSession,
        {
            "case_id": "case_id",
            "kind": "'mediation'",
            "scheduled_for": "routed_at + interval '5 days'",
            "location": "'Office meeting room 1'",
            "scheduled_by_id": official,
            "created_at": "routed_at + interval '3 days'",
            "result": "'agreement'",
            "result_text": "'The store withdraws the listings and pays compensation.'",
            "result_recorded_at": "routed_at + interval '6 days'",
        },
        "bench_case WHERE mediated",
    )


def big_case_load(world: World, *, listings: int = 10_000, history: int = 1_000, fast: bool = False) -> int:
    """One case awaiting the platform on platform 0, in office 0's docket, filed by holder 0, with
    `listings` listings and `history` audit entries (reminders and information asked and supplied).
    Returns its id."""
    complaint_id, case_id = _next_id(Complaint) + 1, _next_id(Case) + 1
    store_first, _ = world.stores_of(0)
    store_id = world.store_base + store_first + 1
    with transaction.atomic(), _load_mode(fast), connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_big")
        cursor.execute(
            "CREATE TEMP TABLE bench_big AS SELECT %s::bigint AS complaint_id, %s::bigint AS case_id, "
            "%s::bigint AS store_id, 'store-' || %s AS store_ref, now() - interval '1 day' AS filed_at",
            [complaint_id, case_id, store_id, store_first],
        )
        _audit_stage()
        _insert(
            Complaint,
            {
                "id": "complaint_id",
                "filed_by_org_id": f"{world.org_base} + 1",
                "filed_by_id": f"{world.holder_user()}",
                "right_id": f"{world.right_base} + 1",
                "platform_id": f"{world.platform_id()}",
                "infringement_type": "'counterfeit'",
                "description": "'Ten thousand listings of counterfeit goods in one store.'",
                "good_faith_declared": "true",
                "requested_administrative": "false",
                "status": "'submitted'",
                "created_at": "filed_at",
                "submitted_at": "filed_at",
                "acknowledged_at": "filed_at",
            },
            "bench_big",
        )
        _insert(
            Case,
            {
                "id": "case_id",
                "complaint_id": "complaint_id",
                "complainant_org_id": f"{world.org_base} + 1",
                "store_id": "store_id",
                "platform_id": f"{world.platform_id()}",
                "status": "'awaiting_platform'",
                "mode": "'platform'",
                "office_id": f"{world.office_id()}",
                "routing_reason": "'Rule 1 matched (bench world). Mode: platform.'",
                "deadline": "current_date + 2",
                "deadline_counts": "'working'",
                "created_at": "filed_at",
                "routed_at": "filed_at",
                "outcome": "''",
                "closure": "''",
                "follow_up_reference": "''",
                "fallback_reason": "''",
                "listing_count": str(listings),
                "updated_at": "filed_at",
            },
            "bench_big",
        )
        _routing_records("bench_big")
        _insert(
            Listing,
            {
                "complaint_id": "complaint_id",
                "url": "'https://shop.example.test/big/' || j",
                "listing_ref": "''",
                "store_ref": "store_ref",
                "store_name": "'Big store'",
                "store_email": "''",
                "store_language": "''",
                "store_id": "store_id",
                "case_id": "case_id",
                "status": "'pending'",
            },
            f"bench_big, generate_series(1, {listings}) j",
        )
        _opened_and_routed(source="bench_big", routed_at="filed_at", routed_status="'awaiting_platform'")
        _audit(
            at="filed_at + make_interval(mins => j)",
            actor=f"CASE WHEN j % 2 = 0 THEN {world.platform_user()} END",
            action=f"CASE WHEN j % 2 = 0 THEN '{CaseAction.REMINDER_SENT}' ELSE '{CaseAction.MARKED_OVERDUE}' END",
            from_status="'awaiting_platform'",
            to_status="'awaiting_platform'",
            source=f"bench_big, generate_series(1, {history}) j",
            note="'Entry ' || j",
        )
        _audit_chain(fast)
        _advance_sequences(Complaint, Case)
    return case_id


def analyze() -> None:
    """Fresh planner statistics for every table (a bulk load leaves them stale)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def world_found(*, cases: int) -> tuple[World, int]:
    """The world a benchmark run loaded into its own database (kept with --keep), and its large case: each
    kind's rows start after the lowest id of that kind, as world_create() laid them out there."""
    models = {
        "org_base": Organisation,
        "user_base": User,
        "region_base": Region,
        "office_base": Office,
        "platform_base": Platform,
        "store_base": Store,
        "right_base": IPRight,
        "complaint_base": Complaint,
        "case_base": Case,
        "listing_base": Listing,
    }
    bases = {}
    with connection.cursor() as cursor:
        for name, model in models.items():
            cursor.execute(f"SELECT min(id) - 1 FROM {_table(model)}")  # noqa: S608 — a model's table
            bases[name] = cursor.fetchone()[0]
        # The large case is loaded last: the case with the most listings.
        cursor.execute(
            f"SELECT case_id FROM {_table(Listing)} WHERE case_id IS NOT NULL "  # noqa: S608 — a model's table
            "GROUP BY case_id ORDER BY count(*) DESC LIMIT 1"
        )
        big_case_id = cursor.fetchone()[0]
    return World(cases=cases, stores=max(cases // 4, 4 * PLATFORMS), **bases), big_case_id
