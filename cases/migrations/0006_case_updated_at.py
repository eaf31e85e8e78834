from django.db import migrations, models
from django.db.models.functions import Coalesce, Greatest

# The timestamps a case already carries; the latest of them is when it last changed, as far as is known.
KNOWN_TIMES = ("routed_at", "notice_forwarded_at", "accepted_at", "decided_at", "closed_at")


def fill_updated_at(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    # Coalesce each with created_at: SQLite's Greatest is null when any argument is.
    latest = Greatest("created_at", *(Coalesce(name, "created_at") for name in KNOWN_TIMES))
    Case.objects.filter(updated_at=None).update(updated_at=latest)


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_case_partial_indexes_for_periodic_jobs")]

    operations = [
        migrations.AddField(
            model_name="case",
            name="updated_at",
            field=models.DateTimeField(null=True, verbose_name="updated at"),
        ),
        migrations.RunPython(fill_updated_at, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="case",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, verbose_name="updated at"),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["updated_at", "id"], name="case_updated_since"),
        ),
    ]
