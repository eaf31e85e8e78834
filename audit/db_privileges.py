"""The application's database role may do what the application does and no more.

It connects as IPRGOV_DB_APP_ROLE, which owns nothing (scripts/db-roles.sh): it cannot TRUNCATE, ALTER or
DROP a table, disable or replace a trigger, or set `session_replication_role`. On every table it may
read and write rows; on the audit trail only read and append (and blank the personal parts of an entry once, through
audit_entry_redact, for retention); on the table of applied migrations only
read. `migrate` re-applies this at its end (post_migrate, as the role that migrated: the owner), so the
tables of later migrations are covered the moment they exist. PostgreSQL only: SQLite has no roles.
"""

import logging

from django.conf import settings
from django.db import connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from psycopg import sql

from audit.models import AuditEntry

log = logging.getLogger(__name__)

PRIVILEGES = [
    "GRANT USAGE ON SCHEMA {schema} TO {role}",
    # Revoked first, so that a privilege granted by hand once does not outlive the next migrate.
    "REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {role}",
    "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {role}",
    "REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {role}",
    # nextval() for new rows; setval() would need UPDATE.
    "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {role}",
    # `migrate --check` (the health check) reads which migrations ran; nothing else touches the table.
    "REVOKE INSERT, UPDATE, DELETE ON {schema}.{migrations} FROM {role}",
    "REVOKE UPDATE, DELETE ON {schema}.{audit} FROM {role}",
]


def application_role_grant(*, using: str) -> bool:
    """Give IPRGOV_DB_APP_ROLE exactly its privileges on every table and sequence of the current schema,
    all at once or not at all. False, and nothing changed, on SQLite, with no role configured, or (with a
    warning) when the role does not exist or is the one connected."""
    connection = connections[using]
    role = settings.IPRGOV_DB_APP_ROLE
    if connection.vendor != "postgresql" or not role:
        return False
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_schema(), current_user, EXISTS (SELECT 1 FROM pg_roles WHERE rolname = %s)",
            [role],
        )
        schema, current_user, role_exists = cursor.fetchone()
        if not role_exists:
            log.warning(
                "Database role %s does not exist: no privileges granted (scripts/db-roles.sh creates it).",
                role,
            )
            return False
        if current_user == role:
            log.warning("migrate ran as the application role %s: run it as the tables' owner.", role)
            return False
        names = {
            "schema": sql.Identifier(schema),
            "role": sql.Identifier(role),
            "migrations": sql.Identifier(MigrationRecorder.Migration._meta.db_table),
            "audit": sql.Identifier(AuditEntry._meta.db_table),
        }
        for statement in PRIVILEGES:
            cursor.execute(sql.SQL(statement).format(**names).as_string(cursor.connection))
        # The retention job's redaction (audit 0006), once the function exists: `migrate` to an earlier
        # state ends here too.
        cursor.execute("SELECT to_regprocedure('audit_entry_redact(bigint[])') IS NOT NULL")
        if cursor.fetchone()[0]:
            grant = sql.SQL("GRANT EXECUTE ON FUNCTION audit_entry_redact(bigint[]) TO {role}")
            cursor.execute(grant.format(**names).as_string(cursor.connection))
    return True


def application_role_grant_after_migrate(*, using: str, **_kwargs: object) -> None:
    """post_migrate receiver: `migrate` (and `flush`) end with the privileges applied."""
    application_role_grant(using=using)
