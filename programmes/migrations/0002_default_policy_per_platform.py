"""Every existing platform gets the default programme policy (the model's defaults), for operators to edit."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def default_policies(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Platform = apps.get_model("platforms", "Platform")
    ProgrammePolicy = apps.get_model("programmes", "ProgrammePolicy")
    having = ProgrammePolicy.objects.values("platform_id")
    ProgrammePolicy.objects.bulk_create(
        [ProgrammePolicy(platform_id=pk) for pk in Platform.objects.exclude(pk__in=having).values_list("pk", flat=True)]
    )


class Migration(migrations.Migration):
    dependencies = [("programmes", "0001_policies_memberships_standings_steps")]

    operations = [migrations.RunPython(default_policies, migrations.RunPython.noop)]
