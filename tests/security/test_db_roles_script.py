"""scripts/db-roles.sh, run as the superuser, makes the two roles and hands a database to the owner; run
again it changes nothing; `migrate` as the owner then leaves the application role its privileges only.

Each test makes roles and a database of its own (cluster-wide objects) and drops them afterwards.
"""

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote

import psycopg
import pytest
from django.db import connection
from psycopg import sql

from tests.test_settings import start_django
from tests.unavailable import service_unavailable
from tests.workers import ROOT

SCRIPT = ROOT / "scripts" / "db-roles.sh"


@dataclass(frozen=True)
class Cluster:
    host: str
    port: str
    superuser: str
    superuser_password: str

    def url(self, user: str, password: str, db: str) -> str:
        return f"postgres://{quote(user)}:{quote(password, safe='')}@{self.host}:{self.port}/{db}"

    def connect(self, user: str, password: str, db: str) -> psycopg.Connection:
        return psycopg.connect(
            host=self.host, port=self.port, user=user, password=password or None, dbname=db, autocommit=True
        )

    def as_superuser(self, db: str = "postgres") -> psycopg.Connection:
        return self.connect(self.superuser, self.superuser_password, db)


@dataclass(frozen=True)
class Names:
    owner: str
    app: str
    db: str
    # Passwords make the roles usable whatever the cluster's authentication (trust, md5, scram).
    owner_password: str
    app_password: str


@pytest.fixture
def cluster(db) -> Cluster:
    if connection.vendor != "postgresql" or shutil.which("psql") is None:
        service_unavailable("the roles script needs PostgreSQL and psql")
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if not cursor.fetchone()[0]:
            service_unavailable("the roles script must run as a PostgreSQL superuser")
    settings_dict = connection.settings_dict
    return Cluster(
        host=settings_dict["HOST"] or "127.0.0.1",
        port=str(settings_dict["PORT"] or 5432),
        superuser=settings_dict["USER"],
        superuser_password=settings_dict["PASSWORD"] or "",
    )


@pytest.fixture
def names(cluster) -> Iterator[Names]:
    suffix = uuid.uuid4().hex[:8]
    made = Names(
        owner=f"test_owner_{suffix}",
        app=f"test_app_{suffix}",
        db=f"test_roles_{suffix}",
        owner_password=uuid.uuid4().hex,
        app_password=uuid.uuid4().hex,
    )
    yield made
    with cluster.as_superuser() as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(made.db)))
        for role in (made.app, made.owner):
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


def _run_script(cluster: Cluster, names: Names) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PG", "IPRGOV_DB_"))}
    env |= {
        "IPRGOV_DB_OWNER_ROLE": names.owner,
        "IPRGOV_DB_OWNER_PASSWORD": names.owner_password,
        "IPRGOV_DB_APP_ROLE": names.app,
        "IPRGOV_DB_APP_PASSWORD": names.app_password,
        "IPRGOV_DB_NAME": names.db,
    }
    return subprocess.run(  # noqa: S603 — our own script, fixed argv
        [str(SCRIPT), cluster.url(cluster.superuser, cluster.superuser_password, "postgres")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


# The members of an extension (pg_trgm's functions, for the case search) are owned by the bootstrap
# superuser whoever runs CREATE EXTENSION for a trusted extension: PostgreSQL's rule, not a migration's.
# They are judged through the extension, which must be the owner's like everything else.
def _owners(cluster: Cluster, names: Names) -> set[str]:
    """Who owns the database, every extension of its public schema, and every table, sequence and
    function of that schema that is not an extension's member."""
    with cluster.as_superuser(names.db) as conn:
        rows = conn.execute(
            "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"
            " UNION SELECT pg_get_userbyid(extowner) FROM pg_extension"
            "  WHERE extnamespace = 'public'::regnamespace"
            " UNION SELECT pg_get_userbyid(relowner) FROM pg_class c"
            "  WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'S', 'v')"
            "  AND NOT EXISTS (SELECT 1 FROM pg_depend d"
            "   WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')"
            " UNION SELECT pg_get_userbyid(proowner) FROM pg_proc p WHERE pronamespace = 'public'::regnamespace"
            "  AND NOT EXISTS (SELECT 1 FROM pg_depend d"
            "   WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')"
        ).fetchall()
    return {owner for (owner,) in rows}


def test_the_script_makes_the_roles_hands_over_the_database_and_changes_nothing_when_run_again(
    cluster, names
):
    with cluster.as_superuser() as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(names.db)))
    # What a superuser's migrate left before the roles existed: a table, its sequence and a function.
    with cluster.as_superuser(names.db) as conn:
        conn.execute("CREATE TABLE earlier_record (id bigint GENERATED BY DEFAULT AS IDENTITY, note text)")
        conn.execute("CREATE FUNCTION earlier_check() RETURNS int LANGUAGE sql AS 'SELECT 1'")

    first = _run_script(cluster, names)
    again = _run_script(cluster, names)

    assert (first.returncode, first.stderr) == (0, "")
    assert (again.returncode, again.stderr, again.stdout) == (0, "", first.stdout)
    assert _owners(cluster, names) == {names.owner}
    with cluster.as_superuser() as conn:
        attributes = conn.execute(
            "SELECT rolname, rolcanlogin, rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication"
            " OR rolbypassrls, (SELECT count(*) FROM pg_auth_members WHERE member = r.oid)"
            " FROM pg_roles r WHERE rolname = ANY(%s) ORDER BY rolname = %s",
            [[names.owner, names.app], names.app],
        ).fetchall()
    assert attributes == [(names.owner, True, False, 0), (names.app, True, False, 0)]
    with (
        cluster.connect(names.app, names.app_password, names.db) as as_app,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        as_app.execute("CREATE TABLE shadow (id bigint)")


def test_migrate_as_the_owner_leaves_the_application_role_only_its_privileges(cluster, names, tmp_path):
    assert _run_script(cluster, names).returncode == 0
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "PG"))}
    env |= {
        "DATABASE_URL": cluster.url(names.owner, names.owner_password, names.db),
        "IPRGOV_DB_APP_ROLE": names.app,
        "DJANGO_DEBUG": "true",
        "IPRGOV_MEDIA_ROOT": str(tmp_path / "media"),
    }

    migrated = subprocess.run(  # noqa: S603 — fixed argv, our own interpreter
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert migrated.returncode == 0, migrated.stderr[-3000:]
    assert _owners(cluster, names) == {names.owner}
    with cluster.connect(names.app, names.app_password, names.db) as as_app:
        audit = as_app.execute(
            "SELECT p FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) AS p"
            " WHERE has_table_privilege('audit_auditentry', p)"
        ).fetchall()
        assert {p for (p,) in audit} == {"SELECT", "INSERT"}
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            as_app.execute("TRUNCATE audit_auditentry")


def test_a_role_name_that_is_not_one_stops_start_up():
    result = start_django(DJANGO_DEBUG="true", IPRGOV_DB_APP_ROLE='app"; DROP TABLE audit_auditentry; --')

    assert result.returncode != 0
    assert "IPRGOV_DB_APP_ROLE=" in result.stderr and "is not a role name" in result.stderr
