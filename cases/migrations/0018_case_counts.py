"""Case counts kept by the database (cases.models.CaseCount): triggers on the cases append the change
of every statement, per (platform / office / complainant, mode, status); filled from the cases once.

Statement-level triggers with transition tables: a set-based insert or update of a million cases appends
one row per key it changed, not one per case. PostgreSQL only (SQLite lists count cases instead).
"""

from django.db import migrations, models

SCOPES = "(VALUES ('platform', c.platform_id), ('office', c.office_id), ('complainant', c.complainant_org_id))"


def _changes(source: str) -> str:
    """The INSERT of the changes in `source` (rows with a column n of +1 or -1), grouped by key."""
    return f"""
        INSERT INTO cases_case_count (scope, scope_pk, mode, status, n)
        SELECT s.scope, s.pk, c.mode, c.status, SUM(c.n)
        FROM ({source}) AS c CROSS JOIN LATERAL {SCOPES} AS s (scope, pk)
        WHERE s.pk IS NOT NULL
        GROUP BY s.scope, s.pk, c.mode, c.status
        HAVING SUM(c.n) <> 0;
    """


COLUMNS = "platform_id, office_id, complainant_org_id, mode, status"
ADDED = f"SELECT {COLUMNS}, 1 AS n FROM case_rows_new"
REMOVED = f"SELECT {COLUMNS}, -1 AS n FROM case_rows_old"

FORWARD = f"""
CREATE FUNCTION case_counts_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {_changes(ADDED)}
    ELSIF TG_OP = 'UPDATE' THEN
        {_changes(f"{ADDED} UNION ALL {REMOVED}")}
    ELSE
        {_changes(REMOVED)}
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER case_counts_insert AFTER INSERT ON enforcement_case
    REFERENCING NEW TABLE AS case_rows_new FOR EACH STATEMENT EXECUTE FUNCTION case_counts_change();
CREATE TRIGGER case_counts_update AFTER UPDATE ON enforcement_case
    REFERENCING OLD TABLE AS case_rows_old NEW TABLE AS case_rows_new
    FOR EACH STATEMENT EXECUTE FUNCTION case_counts_change();
CREATE TRIGGER case_counts_delete AFTER DELETE ON enforcement_case
    REFERENCING OLD TABLE AS case_rows_old FOR EACH STATEMENT EXECUTE FUNCTION case_counts_change();
LOCK TABLE enforcement_case IN SHARE MODE;
INSERT INTO cases_case_count (scope, scope_pk, mode, status, n)
SELECT s.scope, s.pk, c.mode, c.status, COUNT(*)
FROM enforcement_case AS c CROSS JOIN LATERAL {SCOPES} AS s (scope, pk)
WHERE s.pk IS NOT NULL
GROUP BY s.scope, s.pk, c.mode, c.status;
"""

BACKWARD = """
DROP TRIGGER case_counts_insert ON enforcement_case;
DROP TRIGGER case_counts_update ON enforcement_case;
DROP TRIGGER case_counts_delete ON enforcement_case;
DROP FUNCTION case_counts_change();
"""


def counts_kept(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def counts_dropped(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0017_case_complainant_org'),
    ]

    operations = [
        migrations.CreateModel(
            name='CaseCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('scope', models.CharField(choices=[('platform', 'Platform'), ('office', 'Office'), ('complainant', 'Complainant')], max_length=12, verbose_name='scope')),
                ('scope_pk', models.BigIntegerField(verbose_name='platform, office or organisation')),
                ('mode', models.CharField(blank=True, max_length=20, verbose_name='handling mode')),
                ('status', models.CharField(max_length=40, verbose_name='status')),
                ('n', models.BigIntegerField(verbose_name='change in the number of cases')),
            ],
            options={
                'verbose_name': 'case count',
                'verbose_name_plural': 'case counts',
                'db_table': 'cases_case_count',
                'indexes': [models.Index(fields=['scope', 'scope_pk'], name='case_count_by_scope')],
            },
        ),
        migrations.RunPython(counts_kept, counts_dropped),
    ]
