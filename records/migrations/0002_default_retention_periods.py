"""Default retention periods: three years after a case closed, for every kind of personal data.

Three years is the civil limitation period (PRC Civil Code art. 188) within which a party may still take
the case to court, and the time E-Commerce Law art. 31 has platforms keep transaction information.
Operators change them in the admin; a period already set is left as it is.
"""

from django.db import migrations

THREE_YEARS = 3 * 365
WHY = (
    "Kept while a party may still go to court over the case: the three-year limitation period (Civil Code "
    "art. 188), also the time E-Commerce Law art. 31 has platforms keep transaction information."
)
KINDS = ("counter_notice", "listing_contact", "respondent_audit")


def set_defaults(apps, schema_editor):
    RetentionPeriod = apps.get_model("records", "RetentionPeriod")
    for kind in KINDS:
        RetentionPeriod.objects.get_or_create(kind=kind, defaults={"days_after_closure": THREE_YEARS, "why": WHY})


class Migration(migrations.Migration):
    dependencies = [("records", "0001_retention_periods")]
    operations = [migrations.RunPython(set_defaults, migrations.RunPython.noop)]
