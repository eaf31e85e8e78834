"""The figures as tables people read: one row per platform, office, right type, mode, week or month,
with the group's name. Shared by the public statistics and the supervision dashboard."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from aggregates.figures import DISPUTE_STEPS, Figure
from aggregates.selectors import Figures, Scope, figures_by, figures_total
from cases.models import HandlingMode
from complaints.models import RightType
from enforcement.models import Office
from platforms.models import Platform

# The counts every table shows, in order.
COUNTS = (
    Figure.NOTICES,
    Figure.CASES,
    Figure.LISTINGS,
    Figure.DECIDED,
    Figure.MEASURES,
    Figure.REJECTIONS,
    Figure.COUNTER_NOTICES,
    Figure.RESTORATIONS,
    Figure.ADMIN_ACCEPTED,
    Figure.ADMIN_DECIDED,
    Figure.DECIDED_IN_TIME,
)
# The rates and percentiles, by the keys of Figures.derived(), with their headings.
RATES: tuple[tuple[str, str | Promise], ...] = (
    ("decided_in_time_share", _("Share decided within the deadline")),
    ("decide_hours_median", _("Median time to decide (hours, at most)")),
    ("decide_hours_p90", _("90th percentile time to decide (hours, at most)")),
    ("takedown_rate", _("Takedown rate")),
    ("rejection_rate", _("Rejection rate")),
    ("counter_notice_rate", _("Counter-notice rate")),
    ("restoration_rate", _("Restoration rate")),
)
OFFICE_RATES: tuple[tuple[str, str | Promise], ...] = (
    ("opinion_hours_median", _("Median opinion turnaround (hours, at most)")),
    ("opinion_hours_p90", _("90th percentile opinion turnaround (hours, at most)")),
    ("opinions_in_time_share", _("Share of opinions within the office's deadline")),
    ("accept_hours_median", _("Median time to accept (hours, at most)")),
    ("admin_decision_hours_median", _("Median time to an administrative decision (hours, at most)")),
    ("admin_decided_in_time_share", _("Share of administrative decisions within the deadline")),
    ("mediation_success_rate", _("Mediation success rate")),
)
OFFICE_COUNTS = (
    Figure.OPINIONS,
    Figure.MEDIATIONS_AGREED,
    Figure.MEDIATIONS_FAILED,
    Figure.TRANSFERS_ASKED,
    Figure.TRANSFERS_ANSWERED,
    Figure.ASSISTANCE_ASKED,
    Figure.ASSISTANCE_ANSWERED,
)
# The disputes beyond the first decision: a count per step of aggregates.figures.DISPUTE_STEPS (its figure,
# its heading), then their durations, by the keys of Figures.derived().
DISPUTE_COUNTS: tuple[tuple[str, str | Promise], ...] = tuple(
    (step.figure, step.label) for step in DISPUTE_STEPS
)
DISPUTE_RATES: tuple[tuple[str, str | Promise], ...] = (
    ("review_answer_hours_median", _("Median time to answer a review (hours, at most)")),
)
GROUPINGS: dict[str, str | Promise] = {
    "platform_pk": _("Platform"),
    "office_pk": _("Office"),
    "right_type": _("Right type"),
    "mode": _("Handling mode"),
}


@dataclass(frozen=True)
class ReportRow:
    key: Any
    label: str
    figures: Figures

    @property
    def derived(self) -> dict[str, float | int | None]:
        return self.figures.derived()


def _labels(by: str, keys: list[Any]) -> dict[Any, str]:
    """The name of each group: one query for platforms or offices, none for the others."""
    if by == "platform_pk":
        return {p.pk: p.name for p in Platform.objects.filter(pk__in=keys).select_related("organisation")}
    if by == "office_pk":
        names = {o.pk: o.name for o in Office.objects.filter(pk__in=keys).select_related("organisation")}
        return {key: names.get(key, str(_("No office"))) for key in keys}
    if by == "right_type":
        return {key: str(dict(RightType.choices).get(key, key)) for key in keys}
    if by == "mode":
        return {key: str(dict(HandlingMode.choices).get(key, key)) for key in keys}
    return {key: date_format(key, "Y-m-d") if isinstance(key, date) else str(key) for key in keys}


def report_rows(scope: Scope, by: str) -> list[ReportRow]:
    """One row per group of `by` (a dimension, "week" or "month"), sorted by name or by date: two queries
    at most (the figures, the names)."""
    groups = figures_by(scope, by)
    labels = _labels(by, list(groups))
    rows = [ReportRow(key, labels.get(key, str(key)), figures) for key, figures in groups.items()]
    return rows if by in ("week", "month") else sorted(rows, key=lambda row: row.label)


def report_total(scope: Scope) -> ReportRow:
    return ReportRow("total", str(_("All")), figures_total(scope))
