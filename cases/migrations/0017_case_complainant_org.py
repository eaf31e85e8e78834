"""The complaint's filing organisation stored on its cases, for the rightsholder's list (issue 13).

Filled for existing cases in batches of ids, each batch its own transaction (the migration is not atomic),
so a table of a million cases is never locked whole for long; then made required and indexed.
"""

import django.db.models.deletion
from django.db import migrations, models, transaction

BATCH = 50_000


def fill_complainants(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    connection = schema_editor.connection
    bounds = Case.objects.aggregate(first=models.Min("pk"), last=models.Max("pk"))
    if bounds["first"] is None:
        return
    with connection.cursor() as cursor:
        for start in range(bounds["first"], bounds["last"] + 1, BATCH):
            with transaction.atomic(using=connection.alias):
                cursor.execute(
                    "UPDATE enforcement_case AS c SET complainant_org_id = k.filed_by_org_id"
                    " FROM complaints_complaint AS k"
                    " WHERE k.id = c.complaint_id AND c.id >= %s AND c.id < %s AND c.complainant_org_id IS NULL",
                    [start, start + BATCH],
                )


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("accounts", "0001_initial"),
        ("cases", "0016_case_penalty_due"),
        ("complaints", "0012_file_integrity_records"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="complainant_org",
            field=models.ForeignKey(
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="accounts.organisation",
                verbose_name="complainant",
            ),
        ),
        migrations.RunPython(fill_complainants, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="case",
            name="complainant_org",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="accounts.organisation",
                verbose_name="complainant",
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["complainant_org", "created_at", "id"], name="case_complainant_age"),
        ),
    ]
