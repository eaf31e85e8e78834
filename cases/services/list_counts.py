"""The case counts kept by the database (cases.models.CaseCount): folded and rebuilt here, read by the case
lists (cases.case_lists.kept_counts).

The triggers of migration cases 0016 append a row per (scope, mode, status) that a statement on the cases
changed. PostgreSQL only: elsewhere (SQLite, `make run`) no trigger exists and the lists count cases.
"""

from django.db import connection, transaction

from cases.models import Case, CaseCount

# Every case is counted in its platform, its office (once it has one) and its complainant's organisation.
_SCOPES = (
    "(VALUES ('platform', c.platform_id), ('office', c.office_id), ('complainant', c.complainant_org_id))"
)


def counts_kept() -> bool:
    """Whether this database keeps the counts (the triggers exist on PostgreSQL only)."""
    return connection.vendor == "postgresql"


def case_counts_compact() -> int:
    """Fold the change rows of every (scope, mode, status) that has more than one into their sum, in one
    statement: readers see the rows before or after it, never half; the triggers keep appending meanwhile.
    Returns the rows folded."""
    if not counts_kept():
        return 0
    table = CaseCount._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH folded AS (
                SELECT scope, scope_pk, mode, status FROM {table}
                GROUP BY scope, scope_pk, mode, status HAVING COUNT(*) > 1
            ), gone AS (
                DELETE FROM {table} AS k USING folded AS f
                WHERE (k.scope, k.scope_pk, k.mode, k.status) = (f.scope, f.scope_pk, f.mode, f.status)
                RETURNING k.scope, k.scope_pk, k.mode, k.status, k.n
            ), kept AS (
                INSERT INTO {table} (scope, scope_pk, mode, status, n)
                SELECT scope, scope_pk, mode, status, SUM(n) FROM gone
                GROUP BY scope, scope_pk, mode, status HAVING SUM(n) <> 0
            )
            SELECT COUNT(*) FROM gone
            """  # noqa: S608 — table names from the models
        )
        return cursor.fetchone()[0]


def case_counts_rebuild() -> int:
    """Replace the counts by a count of the cases themselves (after a load that bypassed the triggers, or
    whenever in doubt). Writes to cases wait while it runs, so no change is lost or counted twice.
    Returns the rows written."""
    if not counts_kept():
        return 0
    table, cases = CaseCount._meta.db_table, Case._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {cases} IN SHARE MODE")
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608
        cursor.execute(
            f"""
            INSERT INTO {table} (scope, scope_pk, mode, status, n)
            SELECT s.scope, s.pk, c.mode, c.status, COUNT(*)
            FROM {cases} AS c CROSS JOIN LATERAL {_SCOPES} AS s (scope, pk)
            WHERE s.pk IS NOT NULL
            GROUP BY s.scope, s.pk, c.mode, c.status
            """  # noqa: S608
        )
        return cursor.rowcount
