"""The application's database role cannot rewrite the audit trail, and can do everything else it needs.

These tests connect to the test database as IPRGOV_DB_APP_ROLE (scripts/db-roles.sh creates it; under CI
a missing role fails them), the way the web processes and the workers connect in production. The tables
are owned by the role that ran the test database's migrations, as they are by the owner role there.
"""

import os
import subprocess
import sys
from collections.abc import Iterator
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from psycopg import sql

from audit.models import ActorKind, AuditEntry
from cases.models import Case
from tests.unavailable import service_unavailable
from tests.workers import ROOT

pytestmark = pytest.mark.django_db

TABLE_PRIVILEGES = ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")
APPEND = """
    INSERT INTO audit_auditentry (created_at, actor_kind, actor_label, name_given, subject_type, subject_id,
                                  action, from_status, to_status, note)
    VALUES (%s, 'system', 'system', '', 'case', 1, 'forged', '', '', '')
    RETURNING id, created_at, transaction_timestamp()
"""


@pytest.fixture
def app_role() -> str:
    if connection.vendor != "postgresql":
        service_unavailable("database roles exist on PostgreSQL only")
    role = settings.IPRGOV_DB_APP_ROLE
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        if cursor.fetchone() is None:
            service_unavailable(f"database role {role!r} is missing: run scripts/db-roles.sh as a superuser")
    return role


@pytest.fixture
def as_application(app_role) -> Iterator[psycopg.Connection]:
    """A connection to the test database as the application role, each statement in its own transaction."""
    db = connection.settings_dict
    with psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        dbname=db["NAME"],
        user=app_role,
        password=os.environ.get("IPRGOV_DB_APP_PASSWORD") or None,
        autocommit=True,
    ) as conn:
        yield conn


def _table_owner() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tableowner FROM pg_tables WHERE tablename = 'audit_auditentry'")
        return cursor.fetchone()[0]


def _privileges(role: str, table: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT p FROM unnest(%s::text[]) AS p WHERE has_table_privilege(%s, %s, p)",
            [list(TABLE_PRIVILEGES), role, table],
        )
        return {row[0] for row in cursor.fetchall()}


REFUSED = {
    "truncate": "TRUNCATE audit_auditentry",
    "update an entry": "UPDATE audit_auditentry SET actor_label = 'sichuan-official' WHERE id = {id}",
    "delete an entry": "DELETE FROM audit_auditentry WHERE id = {id}",
    "disable the trigger": "ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_no_update_delete",
    "disable every trigger": "ALTER TABLE audit_auditentry DISABLE TRIGGER ALL",
    "drop the trigger": "DROP TRIGGER audit_entry_no_update_delete ON audit_auditentry",
    "drop the time trigger": "DROP TRIGGER audit_entry_time_from_database ON audit_auditentry",
    "replace the trigger's function": (
        "CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql"
        " AS $$ BEGIN RETURN OLD; END; $$"
    ),
    "add a trigger of its own": (
        "CREATE TRIGGER skip BEFORE UPDATE ON audit_auditentry"
        " FOR EACH ROW EXECUTE FUNCTION audit_entry_time_from_database()"
    ),
    "drop the actor constraint": "ALTER TABLE audit_auditentry DROP CONSTRAINT audit_entry_actor_is_known",
    "drop the table": "DROP TABLE audit_auditentry",
    "replica mode for the session": "SET session_replication_role = replica",
    "replica mode for the transaction": "SET LOCAL session_replication_role = replica",
    "become the tables' owner": "SET ROLE {owner}",
    "create a table": "CREATE TABLE audit_shadow (id bigint)",
}


@pytest.mark.parametrize("statement", REFUSED.values(), ids=REFUSED.keys())
def test_the_application_role_cannot_rewrite_the_audit_trail(as_application, statement):
    owner = sql.Identifier(_table_owner()).as_string(as_application)

    # The entry exists only in this transaction, which is rolled back whatever happens; appending it
    # must work, so that only the statement itself can be what is refused.
    with as_application.transaction(force_rollback=True):
        (entry_id, *_) = as_application.execute(APPEND, ["2001-01-01T00:00:00Z"]).fetchone()
        with pytest.raises(psycopg.errors.InsufficientPrivilege), as_application.transaction():
            as_application.execute(statement.format(id=entry_id, owner=owner))


def test_an_entry_appended_with_a_chosen_time_gets_the_databases_time(as_application):
    with as_application.transaction(force_rollback=True):
        _, stored, now = as_application.execute(APPEND, ["2001-01-01T00:00:00Z"]).fetchone()

    assert stored == now


def test_the_application_role_owns_nothing_and_can_become_no_one(as_application):
    owned = as_application.execute(
        "SELECT (SELECT count(*) FROM pg_class WHERE relowner = r.oid)"
        " + (SELECT count(*) FROM pg_proc WHERE proowner = r.oid)"
        " + (SELECT count(*) FROM pg_namespace WHERE nspowner = r.oid),"
        " rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls,"
        " (SELECT count(*) FROM pg_auth_members WHERE member = r.oid)"
        " FROM pg_roles r WHERE rolname = current_user"
    ).fetchone()

    assert owned == (0, False, 0)


def test_on_the_audit_trail_the_application_may_only_read_and_append(app_role):
    assert _privileges(app_role, "audit_auditentry") == {"SELECT", "INSERT"}
    assert _privileges(app_role, Case._meta.db_table) == {"SELECT", "INSERT", "UPDATE", "DELETE"}
    assert _privileges(app_role, "django_migrations") == {"SELECT"}


def test_every_migrate_grants_the_tables_of_later_migrations_and_revokes_what_was_added_by_hand(app_role):
    role = sql.Identifier(app_role).as_string(connection.connection)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE later_feature_record (id bigserial PRIMARY KEY, note text)")
        cursor.execute(f"GRANT TRUNCATE, UPDATE ON audit_auditentry TO {role}")
    assert _privileges(app_role, "later_feature_record") == set()

    call_command("migrate", verbosity=0)

    assert _privileges(app_role, "later_feature_record") == {"SELECT", "INSERT", "UPDATE", "DELETE"}
    assert _privileges(app_role, "audit_auditentry") == {"SELECT", "INSERT"}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT has_sequence_privilege(%s, 'later_feature_record_id_seq', 'USAGE'),"
            " has_sequence_privilege(%s, 'later_feature_record_id_seq', 'UPDATE')",
            [app_role, app_role],
        )
        assert cursor.fetchone() == (True, False)


@pytest.mark.django_db(transaction=True)
def test_the_application_does_its_work_as_its_role(app_role, default_routing_rules, tmp_path):
    db = connection.settings_dict
    password = os.environ.get("IPRGOV_DB_APP_PASSWORD", "")
    credentials = quote(app_role) + (f":{quote(password, safe='')}" if password else "")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_") and k != "CELERY_BROKER_URL"}
    env |= {
        "DATABASE_URL": f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "DJANGO_DEBUG": "true",
        "IPRGOV_MEDIA_ROOT": str(tmp_path / "media"),
    }

    # The demo files complaints, routes them in-process, decides, and its respondents file a counter-notice
    # and consent through their links.
    result = subprocess.run(  # noqa: S603 — fixed argv, our own interpreter
        [sys.executable, "manage.py", "seed_demo"], cwd=ROOT, env=env, capture_output=True, timeout=300
    )

    assert result.returncode == 0, result.stderr.decode()[-3000:]
    assert set(AuditEntry.objects.values_list("actor_kind", flat=True)) == {
        ActorKind.USER,
        ActorKind.SYSTEM,
        ActorKind.RESPONDENT,
    }
