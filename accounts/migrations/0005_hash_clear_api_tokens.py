"""Tokens of rest_framework.authtoken (one per user, kept in clear) become hashed ApiTokens, then the clear ones
are deleted.

The authtoken app is no longer installed, so its table is read with SQL, where it exists: a database made
before this change has it, a new one never had it. Each key keeps working, until IPRGOV_API_TOKEN_TTL_DAYS
from now. The table is dropped and authtoken's migration records are removed with it, so that installing the
app again would make a new, empty table rather than look for this one.
"""

import hashlib
from datetime import UTC, timedelta

from django.conf import settings
from django.db import migrations
from django.utils import timezone
from django.utils.dateparse import parse_datetime

CLEAR_TABLE = "authtoken_token"


def _aware(created):
    # Raw SQL gets no field conversion: SQLite gives the text it stored, in UTC and without a zone.
    if isinstance(created, str):
        created = parse_datetime(created)
    return created if timezone.is_aware(created) else created.replace(tzinfo=UTC)


def hash_clear_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if CLEAR_TABLE not in connection.introspection.table_names():
        return
    ApiToken = apps.get_model("accounts", "ApiToken")
    expires_at = timezone.now() + timedelta(days=settings.IPRGOV_API_TOKEN_TTL_DAYS)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key, user_id, created FROM {CLEAR_TABLE}")  # noqa: S608 — a constant name
        rows = cursor.fetchall()
        ApiToken.objects.bulk_create(
            ApiToken(
                user_id=user_id,
                name="token made before tokens were hashed",
                prefix=key[:8],
                digest=hashlib.sha256(key.encode()).hexdigest(),
                created_at=_aware(created),
                expires_at=expires_at,
            )
            for key, user_id, created in rows
        )
        cursor.execute(f"DROP TABLE {CLEAR_TABLE}")
        cursor.execute("DELETE FROM django_migrations WHERE app = %s", ["authtoken"])


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0004_api_token"),
    ]

    # Going back keeps nothing to give back: the clear keys are gone on purpose, so users make new tokens.
    operations = [migrations.RunPython(hash_clear_tokens, migrations.RunPython.noop)]
