"""A dry run of a routing-rule change over recently routed cases: what the operator sees before saving.

Both tables, the one in force and the one with the change, are evaluated over each case's facts as they
are today, so that the difference shown is the change's alone (not the store's history since routing).
Nothing is written.
"""

from dataclasses import dataclass

from django.conf import settings

from cases.models import Case, HandlingMode, RoutingRule
from cases.routing_rules import first_matching_rule
from cases.services.routing import case_facts


@dataclass(frozen=True)
class PreviewRow:
    case: Case
    mode_now: str
    mode_after: str
    rule_now: RoutingRule | None
    rule_after: RoutingRule | None

    @property
    def mode_now_label(self) -> str:
        return str(HandlingMode(self.mode_now).label) if self.mode_now else "—"

    @property
    def mode_after_label(self) -> str:
        return str(HandlingMode(self.mode_after).label) if self.mode_after else "—"


@dataclass(frozen=True)
class RoutingPreview:
    examined: int
    changed: int
    examples: list[PreviewRow]


def _table_with(rule: RoutingRule, table: list[RoutingRule]) -> list[RoutingRule]:
    others = [r for r in table if r.pk is None or r.pk != rule.pk]
    return sorted([*others, rule] if rule.is_active else others, key=lambda r: r.position)


def _chosen(table: list[RoutingRule], case: Case) -> tuple[str, RoutingRule | None]:
    match = first_matching_rule(table, case_facts(case))
    return (match[0].mode, match[0]) if match else ("", None)


def routing_rule_preview(*, rule: RoutingRule, last: int | None = None, examples: int = 10) -> RoutingPreview:
    """How many of the `last` routed cases (IPRGOV_ROUTING_PREVIEW_CASES by default) the table with
    `rule` (unsaved: new or changed) would send to another mode than the table in force, with examples."""
    in_force = list(RoutingRule.objects.filter(is_active=True).order_by("position"))
    proposed = _table_with(rule, in_force)
    count = last if last is not None else settings.IPRGOV_ROUTING_PREVIEW_CASES
    recent = list(
        Case.objects.exclude(routed_at=None)
        .select_related("complaint__right")
        .order_by("-routed_at", "-pk")[:count]
    )
    changed: list[PreviewRow] = []
    for case in recent:
        mode_now, rule_now = _chosen(in_force, case)
        mode_after, rule_after = _chosen(proposed, case)
        if mode_now != mode_after:
            changed.append(PreviewRow(case, mode_now, mode_after, rule_now, rule_after))
    return RoutingPreview(examined=len(recent), changed=len(changed), examples=changed[:examples])
