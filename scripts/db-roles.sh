#!/usr/bin/env bash
# Creates or updates iprgov's two database roles. Run it as a PostgreSQL superuser; running it again
# changes nothing that is already right.
#
#   scripts/db-roles.sh [SUPERUSER_URL]       e.g. postgres://postgres@127.0.0.1:5432/postgres
#
# Without SUPERUSER_URL, psql connects as libpq's PG* variables say (PGHOST, PGUSER, PGPASSWORD, ...).
#
# IPRGOV_DB_OWNER_ROLE (iprgov_owner)  owns the tables; `manage.py migrate` runs as it.
# IPRGOV_DB_APP_ROLE   (iprgov_app)    what the web processes and workers connect as. It owns nothing and
#                                      is a member of no role; each `migrate` grants it what the application
#                                      needs and, on the audit trail, only INSERT and SELECT
#                                      (audit/db_privileges.py).
# Neither role is a superuser or may create roles or databases, replicate or bypass row security.
#
# IPRGOV_DB_OWNER_PASSWORD, IPRGOV_DB_APP_PASSWORD   (re)set the roles' passwords. Left empty, a password
#     is kept as it is (a new role then has none: enough where local connections are trusted).
# IPRGOV_DB_NAME   also hands this database (created if missing) to the owner role: the owner role owns
#     it and whatever its public schema holds (tables, sequences, views, functions made by another role,
#     such as a superuser's earlier migrate), nobody else may create in that schema, and the application
#     role may connect.
set -euo pipefail

export IPRGOV_DB_OWNER_ROLE="${IPRGOV_DB_OWNER_ROLE:-iprgov_owner}"
export IPRGOV_DB_APP_ROLE="${IPRGOV_DB_APP_ROLE:-iprgov_app}"
for name in IPRGOV_DB_OWNER_ROLE IPRGOV_DB_APP_ROLE; do
    if [[ ! "${!name}" =~ ^[a-z_][a-z0-9_]{0,62}$ ]]; then
        echo "$name=${!name} is not a role name: lowercase letters, digits and _." >&2
        exit 2
    fi
done
if [[ "$IPRGOV_DB_OWNER_ROLE" == "$IPRGOV_DB_APP_ROLE" ]]; then
    echo "The owner and the application role must differ (both are $IPRGOV_DB_APP_ROLE)." >&2
    exit 2
fi
# psql reads the passwords from the environment (\getenv), so they never appear in a process list.
for name in IPRGOV_DB_OWNER_PASSWORD IPRGOV_DB_APP_PASSWORD; do
    if [[ -z "${!name:-}" ]]; then unset "$name"; else export "$name"; fi
done

psql_() { psql ${1:+"$1"} --no-psqlrc --quiet --set ON_ERROR_STOP=1 \
    --set owner="$IPRGOV_DB_OWNER_ROLE" --set app="$IPRGOV_DB_APP_ROLE" "${@:2}"; }

psql_ "${1:-}" <<'SQL'
\getenv owner_password IPRGOV_DB_OWNER_PASSWORD
\getenv app_password IPRGOV_DB_APP_PASSWORD
SELECT format('CREATE ROLE %I', name) FROM unnest(ARRAY[:'owner', :'app']) AS name
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = name)
\gexec
ALTER ROLE :"owner" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
ALTER ROLE :"app" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
-- A member of another role could act as it (SET ROLE): the application role is a member of none.
SELECT format('REVOKE %I FROM %I', pg_get_userbyid(roleid), :'app') FROM pg_auth_members
 WHERE member = (SELECT oid FROM pg_roles WHERE rolname = :'app')
\gexec
\if :{?owner_password}
ALTER ROLE :"owner" PASSWORD :'owner_password';
\endif
\if :{?app_password}
ALTER ROLE :"app" PASSWORD :'app_password';
\endif
SQL

if [[ -z "${IPRGOV_DB_NAME:-}" ]]; then
    echo "Database roles ready: $IPRGOV_DB_OWNER_ROLE (owner), $IPRGOV_DB_APP_ROLE (application)."
    exit 0
fi

psql_ "${1:-}" --set db="$IPRGOV_DB_NAME" <<'SQL'
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'owner')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db')
\gexec
ALTER DATABASE :"db" OWNER TO :"owner";
GRANT CONNECT ON DATABASE :"db" TO :"app";
\connect :"db"
-- PostgreSQL 15 and later keep PUBLIC from creating in the public schema already; older ones do not.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
REVOKE CREATE ON SCHEMA public FROM :"app";
GRANT USAGE, CREATE ON SCHEMA public TO :"owner";
-- Whatever another role made here passes to the owner (an owned sequence moves with its table;
-- objects of extensions stay theirs).
SELECT format('ALTER %s %I.%I OWNER TO %I',
              CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                             WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,
              n.nspname, c.relname, :'owner')
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
   AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = :'owner')
   AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                   AND (d.deptype = 'e' OR (c.relkind = 'S' AND d.deptype IN ('a', 'i'))))
 ORDER BY c.relkind = 'S'
\gexec
SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, :'owner')
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname = 'public' AND p.proowner <> (SELECT oid FROM pg_roles WHERE rolname = :'owner')
   AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                   AND d.deptype = 'e')
\gexec
SQL
echo "Database roles ready: $IPRGOV_DB_OWNER_ROLE owns $IPRGOV_DB_NAME, $IPRGOV_DB_APP_ROLE may connect;" \
     "run manage.py migrate as $IPRGOV_DB_OWNER_ROLE to grant $IPRGOV_DB_APP_ROLE its privileges."
