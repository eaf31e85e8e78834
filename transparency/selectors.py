"""Public reads: aggregate statistics (counts only, never a name, an id or anything else about a person) and
the routing table every case is routed by."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.models import Case, CaseStatus, HandlingMode, RoutingRule
from complaints.models import InfringementType, RightType

UNROUTED = "unrouted"
MODE_KEYS = [*HandlingMode.values, UNROUTED]
MODE_LABELS: dict[str, str | Promise] = {**dict(HandlingMode.choices), UNROUTED: _("Not routed yet")}
STATUS_LABELS: dict[str, str | Promise] = dict(CaseStatus.choices)


@dataclass(frozen=True)
class CaseCounts:
    total_cases: int
    by_mode: dict[str, int]  # every handling mode and "unrouted", 0 when none
    by_status: dict[str, int]  # every CaseStatus value, 0 when none

    def by_mode_labelled(self) -> list[tuple[str, str | Promise, int]]:
        return [(key, MODE_LABELS.get(key, key), n) for key, n in self.by_mode.items()]

    def by_status_labelled(self) -> list[tuple[str, str | Promise, int]]:
        return [(key, STATUS_LABELS.get(key, key), n) for key, n in self.by_status.items()]


def case_counts() -> CaseCounts:
    """Counts of all cases by handling mode and by status, in two GROUP BY queries whatever the volume."""
    # order_by(): the model's default ordering must not add a column to the GROUP BY.
    by_mode_rows = Case.objects.order_by().values("mode").annotate(n=Count("pk"))
    by_status_rows = Case.objects.order_by().values("status").annotate(n=Count("pk"))

    by_mode = dict.fromkeys(MODE_KEYS, 0)
    by_mode.update((row["mode"] or UNROUTED, row["n"]) for row in by_mode_rows)
    by_status = dict.fromkeys(CaseStatus.values, 0)
    by_status.update((row["status"], row["n"]) for row in by_status_rows)
    return CaseCounts(total_cases=sum(by_status.values()), by_mode=by_mode, by_status=by_status)


@dataclass(frozen=True)
class PublishedRule:
    position: int
    name: str
    conditions: list[str]
    mode: str
    jurisdiction: str
    deadline_working_days: int


def routing_table() -> list[PublishedRule]:
    """The active routing rules in the order they are tried, each condition in words (first match wins)."""
    rules = []
    for rule in RoutingRule.objects.filter(is_active=True).order_by("position"):
        conditions = []
        if rule.right_types:
            labels = ", ".join(str(RightType(value).label) for value in rule.right_types)
            conditions.append(gettext("right type: %(types)s") % {"types": labels})
        if rule.infringement_types:
            labels = ", ".join(str(InfringementType(value).label) for value in rule.infringement_types)
            conditions.append(gettext("infringement: %(types)s") % {"types": labels})
        if rule.requested_administrative is not None:
            conditions.append(
                gettext("the complainant asked for administrative handling")
                if rule.requested_administrative
                else gettext("the complainant did not ask for administrative handling")
            )
        if rule.has_evaluation_report is not None:
            conditions.append(
                gettext("a patent evaluation report was supplied")
                if rule.has_evaluation_report
                else gettext("no patent evaluation report was supplied")
            )
        if rule.min_listings is not None:
            conditions.append(gettext("at least %(count)d listings") % {"count": rule.min_listings})
        if rule.min_upheld_cases is not None:
            conditions.append(
                gettext("the store has at least %(count)d upheld cases in 12 months")
                % {"count": rule.min_upheld_cases}
            )
        if rule.min_penalty_points is not None:
            conditions.append(
                gettext("the store has at least %(count)d penalty points")
                % {"count": rule.min_penalty_points}
            )
        rules.append(
            PublishedRule(
                position=rule.position,
                name=rule.shown_name,
                conditions=conditions or [str(gettext("any case"))],
                mode=str(rule.get_mode_display()),
                jurisdiction=str(rule.get_jurisdiction_display()),
                deadline_working_days=rule.deadline_working_days,
            )
        )
    return rules
