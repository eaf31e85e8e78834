"""Existing entries get the kind of actor they recorded, and from now on every entry must have one.

An entry with a user is the user's. One without a user whose label is not "system" was written by a
respondent's answer on its signed link (consent or counter-notice), with the name typed on the page as
its label: it becomes the respondent of its case's store, and that name, without the "respondent: "
prefix the counter-notice added (in English or Chinese), becomes `name_given`. Every label stays as it
was written. (Cases are never deleted and always have a store, so each such entry finds its store; the
constraint added below would refuse the migration rather than guess if one did not.)

The append-only trigger refuses these updates, so it is off for this migration's transaction only; the
migration runs as the tables' owner, which is the only role allowed to do that.
"""

from django.db import migrations, models
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Substr

SYSTEM_LABEL = "system"
# The counter-notice's label was gettext("respondent: %(name)s"), in the language of the request.
TYPED_NAME_PREFIXES = ("respondent: ", "被投诉人：")


def _append_only(schema_editor, enabled: bool) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    if enabled:
        # Pending foreign-key checks of the updates would make ALTER TABLE fail: run them now.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE", params=None)
    state = "ENABLE" if enabled else "DISABLE"
    schema_editor.execute(
        f"ALTER TABLE audit_auditentry {state} TRIGGER audit_entry_no_update_delete", params=None
    )


def sort_out_actors(apps, schema_editor):
    AuditEntry = apps.get_model("audit", "AuditEntry")
    Case = apps.get_model("cases", "Case")
    _append_only(schema_editor, enabled=False)
    AuditEntry.objects.filter(actor__isnull=False).update(actor_kind="user")
    typed = AuditEntry.objects.filter(actor__isnull=True, case_id__isnull=False).exclude(
        actor_label=SYSTEM_LABEL
    )
    name_given = models.Case(
        *(
            models.When(actor_label__startswith=prefix, then=Substr("actor_label", len(prefix) + 1))
            for prefix in TYPED_NAME_PREFIXES
        ),
        default=F("actor_label"),
    )
    typed.update(
        actor_kind="respondent",
        respondent_store_id=Subquery(Case.objects.filter(pk=OuterRef("case_id")).values("store_id")[:1]),
        name_given=name_given,
    )
    _append_only(schema_editor, enabled=True)


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0003_actor_kinds'),
        ('cases', '0001_initial'),
    ]

    operations = [
        migrations.RunPython(sort_out_actors, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='auditentry',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('actor__isnull', False), ('actor_kind', 'user'), ('name_given', ''), ('respondent_store__isnull', True)), models.Q(('actor__isnull', True), ('actor_kind', 'respondent'), ('respondent_store__isnull', False)), models.Q(('actor__isnull', True), ('actor_kind', 'system'), ('name_given', ''), ('respondent_store__isnull', True)), _connector='OR'), name='audit_entry_actor_is_known'),
        ),
    ]
