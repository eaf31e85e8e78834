"""Evaluation of the routing table over the facts of one case. Pure: no database access."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from cases.models import RoutingRule
from complaints.models import InfringementType, RightType


@dataclass(frozen=True)
class CaseFacts:
    right_type: str
    infringement_type: str
    has_evaluation_report: bool
    listing_count: int
    store_upheld_cases: int
    requested_administrative: bool
    store_penalty_points: int = 0


def rule_match(rule: RoutingRule, facts: CaseFacts) -> list[str] | None:
    """The conditions of `rule` that `facts` satisfy, in words; None when any condition fails."""
    met: list[str] = []
    if rule.right_types:
        if facts.right_type not in rule.right_types:
            return None
        met.append(
            _("the right relied on is of type %(type)s") % {"type": RightType(facts.right_type).label.lower()}
        )
    if rule.infringement_types:
        if facts.infringement_type not in rule.infringement_types:
            return None
        met.append(
            _("the complaint alleges %(type)s")
            % {"type": InfringementType(facts.infringement_type).label.lower()}
        )
    if rule.requested_administrative is not None:
        if facts.requested_administrative != rule.requested_administrative:
            return None
        met.append(
            _("the complainant asked for administrative handling")
            if rule.requested_administrative
            else _("the complainant did not ask for administrative handling")
        )
    if rule.has_evaluation_report is not None:
        if facts.has_evaluation_report != rule.has_evaluation_report:
            return None
        met.append(
            _("a patent evaluation report was supplied")
            if rule.has_evaluation_report
            else _("no patent evaluation report was supplied")
        )
    if rule.min_listings is not None:
        if facts.listing_count < rule.min_listings:
            return None
        met.append(
            _("the case has %(n)d listings (at least %(min)d)")
            % {"n": facts.listing_count, "min": rule.min_listings}
        )
    if rule.min_upheld_cases is not None:
        if facts.store_upheld_cases < rule.min_upheld_cases:
            return None
        met.append(
            _("the store has %(n)d upheld cases in the last 12 months (at least %(min)d)")
            % {"n": facts.store_upheld_cases, "min": rule.min_upheld_cases}
        )
    if rule.min_penalty_points is not None:
        if facts.store_penalty_points < rule.min_penalty_points:
            return None
        met.append(
            _("the store has %(n)d penalty points (at least %(min)d)")
            % {"n": facts.store_penalty_points, "min": rule.min_penalty_points}
        )
    return met


def first_matching_rule(rules: list[RoutingRule], facts: CaseFacts) -> tuple[RoutingRule, list[str]] | None:
    """First active rule, in table order, whose conditions all hold."""
    for rule in rules:
        if not rule.is_active:
            continue
        met = rule_match(rule, facts)
        if met is not None:
            return rule, met
    return None
