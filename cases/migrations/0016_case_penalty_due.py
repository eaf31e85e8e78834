from django.db import migrations, models
from django.db.models import Q


def mark_cases_awaiting_penalty(apps, schema_editor):
    """The cases the deadline job's penalty step found before the marker: upheld, measures final, on a
    platform with an active policy, no penalty record yet (cases.services.penalties.PENALISABLE)."""
    Case = apps.get_model("cases", "Case")
    final = Q(status="closed", closure__in=["no_counter_notice", "follow_up_filed"]) | Q(
        status="decided", mode="administrative"
    )
    (
        Case.objects.filter(final, outcome="upheld", platform__penalty_policy__is_active=True)
        .exclude(penalties__isnull=False)
        .update(penalty_due=True)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0015_case_dispute_body_statuses"),
        ("platforms", "0006_counter_notice_window_kind_points_window"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="penalty_due",
            field=models.BooleanField(db_default=False, default=False, verbose_name="penalty due"),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(condition=models.Q(("penalty_due", True)), fields=["id"], name="case_penalty_due"),
        ),
        migrations.RunPython(mark_cases_awaiting_penalty, migrations.RunPython.noop),
    ]
