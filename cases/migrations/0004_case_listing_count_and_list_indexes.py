"""The listing count stored on each case, the indexes the case lists walk, and the trigram indexes of
the case search (cases.case_search)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

# The search's text clues, as `icontains` compiles them on PostgreSQL (UPPER(column::text) LIKE UPPER(...)),
# indexed with pg_trgm so that a substring is found without scanning the table. They belong to the
# search, so they are made here rather than declared on the tables' own models; SQLite has no pg_trgm
# and searches those columns by scanning.
SEARCH_INDEXES = {
    "case_search_listing_url": ("complaints_listing", "url"),
    "case_search_listing_ref": ("complaints_listing", "listing_ref"),
    "case_search_store_name": ("platforms_store", "name"),
    "case_search_store_ref": ("platforms_store", "external_id"),
    "case_search_registration": ("complaints_ipright", "registration_number"),
    "case_search_organisation": ("accounts_organisation", "name"),
}


# A whole URL and a number are looked up by equality (iexact: UPPER(column::text) = UPPER(...)).
EQUALITY_INDEXES = {
    "case_search_listing_url_whole": ("complaints_listing", "url"),
    "case_search_listing_ref_whole": ("complaints_listing", "listing_ref"),
    "case_search_store_ref_whole": ("platforms_store", "external_id"),
    "case_search_registration_whole": ("complaints_ipright", "registration_number"),
}


def create_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, column) in SEARCH_INDEXES.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )
    for name, (table, column) in EQUALITY_INDEXES.items():
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ((UPPER("{column}"::text)))')


def drop_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in [*SEARCH_INDEXES, *EQUALITY_INDEXES]:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_case_deadline_counts"),
        ("accounts", "0005_hash_clear_api_tokens"),
        ("complaints", "0010_listing_store_contact_and_bulk_accounting"),
        ("platforms", "0006_counter_notice_window_kind_points_window"),
    ]

    operations = [
        TrigramExtension(),
        migrations.AddField(
            model_name="case",
            name="listing_count",
            field=models.PositiveIntegerField(db_default=0, default=0, verbose_name="listings"),
        ),
        # Every case made before this migration holds the listings its complaint's split gave it.
        migrations.RunSQL(
            "UPDATE enforcement_case SET listing_count = (SELECT COUNT(*) FROM complaints_listing"
            " WHERE complaints_listing.case_id = enforcement_case.id)",
            reverse_sql=migrations.RunSQL.noop,
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                condition=models.Q(("status", "new"), _negated=True),
                fields=["platform", "deadline", "id"],
                name="case_queue_deadline",
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                condition=models.Q(("status", "new"), _negated=True),
                fields=["platform", "created_at", "id"],
                name="case_queue_age",
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                condition=models.Q(("mode", "platform"), _negated=True),
                fields=["office", "deadline", "id"],
                name="case_docket_deadline",
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                condition=models.Q(("mode", "platform"), _negated=True),
                fields=["office", "created_at", "id"],
                name="case_docket_age",
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                condition=models.Q(
                    ("status__in", ("awaiting_platform", "awaiting_execution", "counter_notice_received"))
                ),
                fields=["platform", "deadline", "id"],
                name="case_queue_action_deadline",
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["created_at", "id"], name="case_age"),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["platform", "id"], name="case_api_platform"),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["office", "id"], name="case_api_office"),
        ),
        migrations.RunPython(create_search_indexes, drop_search_indexes),
    ]
