"""The default routing table: every case reaches one of the three modes; operators edit it in the admin."""

from django.db import migrations

DEFAULT_RULES = [
    # position, name, conditions, mode, days
    (10, "Complainant asked for administrative handling", {"requested_administrative": True}, "administrative", 15),
    (20, "Repeat infringer: 3 or more upheld cases in 12 months", {"min_upheld_cases": 3}, "administrative", 15),
    (
        30,
        "Patents need an office's determination opinion",
        {"right_types": ["invention_patent", "utility_model", "design_patent"]},
        "assisted",
        2,
    ),
    (40, "Trademarks and copyright: notice and takedown", {"right_types": ["trademark", "copyright"]}, "platform", 2),
    (1000, "Default: platform handling", {}, "platform", 2),
]


def add_rules(apps, schema_editor):
    RoutingRule = apps.get_model("enforcement", "RoutingRule")
    for position, name, conditions, mode, days in DEFAULT_RULES:
        RoutingRule.objects.update_or_create(
            position=position, defaults={"name": name, "mode": mode, "deadline_working_days": days, **conditions}
        )


def remove_rules(apps, schema_editor):
    RoutingRule = apps.get_model("enforcement", "RoutingRule")
    RoutingRule.objects.filter(position__in=[rule[0] for rule in DEFAULT_RULES]).delete()


class Migration(migrations.Migration):
    dependencies = [("enforcement", "0002_initial")]
    operations = [migrations.RunPython(add_rules, remove_rules)]
