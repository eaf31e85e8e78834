"""The public statistics: the daily figures of a period, grouped, with small counts shown as a range so
that no one can be recognised in them. Reads the aggregate table only."""

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from aggregates.figures import DISPUTE_STEPS, Figure
from aggregates.report import (
    COUNTS,
    DISPUTE_COUNTS,
    DISPUTE_RATES,
    RATES,
    ReportRow,
    report_rows,
    report_total,
)
from aggregates.selectors import Scope

# Counts from 1 to SMALL_COUNT - 1 are published as "fewer than SMALL_COUNT", and a rate is published
# only when what it divides by is at least SMALL_COUNT.
SMALL_COUNT = 5
FEWER = f"<{SMALL_COUNT}"
RATE_BASE = {
    "decided_in_time_share": Figure.DECIDED,
    "decide_hours_median": Figure.DECIDED,
    "decide_hours_p90": Figure.DECIDED,
    "takedown_rate": Figure.DECIDED,
    "rejection_rate": Figure.DECIDED,
    "counter_notice_rate": Figure.MEASURES,
    "restoration_rate": Figure.MEASURES,
}
# The durations of the dispute steps are published once this many were counted.
DISPUTE_RATE_BASE = {"review_answer_hours_median": Figure.REVIEW_ANSWER_HOURS}

DEFINITIONS: dict[str, str | Promise] = {
    Figure.NOTICES: _(
        "Complaints (notices) submitted by rightsholders and routed, counted on the day routed."
    ),
    Figure.CASES: _("A complaint is split into one case per respondent store; cases routed on the day."),
    Figure.LISTINGS: _("Listings (product pages) named in the cases routed on the day."),
    Figure.DECIDED: _("Cases in which the platform decided every listing, on the day of the last decision."),
    Figure.MEASURES: _("Decided cases in which at least one listing was taken down (a measure was taken)."),
    Figure.REJECTIONS: _("Decided cases in which every listing was rejected."),
    Figure.COUNTER_NOTICES: _("Counter-notices filed by respondents against measures taken."),
    Figure.RESTORATIONS: _(
        "Cases whose measures were lifted and listings restored because the complainant showed no complaint "
        "to an office or court within the window after a counter-notice."
    ),
    Figure.ADMIN_ACCEPTED: _("Cases accepted by an IPR office for administrative handling."),
    Figure.ADMIN_DECIDED: _("Administrative decisions issued by IPR offices."),
    Figure.DECIDED_IN_TIME: _(
        "Decided cases whose decision came before the deadline job marked them overdue (deadlines in working "
        "days on the official calendar)."
    ),
    "decided_in_time_share": _("Cases decided within the deadline divided by cases decided."),
    "decide_hours_median": _(
        "Half of the cases were decided within this many hours of routing. Durations are counted in buckets "
        "(1, 4, 8, 24, 48, 72, 120, 168, 336, 720 hours), so the figure is the bucket's upper bound; 721 "
        "means longer than 720 hours."
    ),
    "decide_hours_p90": _(
        "Nine cases in ten were decided within this many hours of routing (buckets as above)."
    ),
    "takedown_rate": _("Cases with measures taken divided by cases decided."),
    "rejection_rate": _("Cases rejected divided by cases decided."),
    "counter_notice_rate": _("Counter-notices divided by cases with measures taken."),
    "restoration_rate": _("Restorations divided by cases with measures taken."),
    **{step.figure: step.definition for step in DISPUTE_STEPS},
    "review_answer_hours_median": _(
        "Half of the reviews were answered within this many hours of the request (buckets as above)."
    ),
    "small_counts": _(
        "A count from 1 to 4 is shown as “fewer than 5” (“<5” in the files), and a rate whose base is fewer "
        "than 5 cases is not shown, so that no one can be recognised."
    ),
}


def public_count(n: int) -> int | str:
    return FEWER if 0 < n < SMALL_COUNT else n


@dataclass(frozen=True)
class PublicRow:
    key: Any
    label: str
    counts: dict[str, int | str]
    rates: dict[str, float | int | None]
    # The disputes beyond the first decision: their counts (small ones as a range) and durations.
    disputes: dict[str, int | str | float | None]


def _public(row: ReportRow) -> PublicRow:
    derived = row.derived
    return PublicRow(
        key=row.key,
        label=row.label,
        counts={figure.value: public_count(row.figures.count(figure)) for figure in COUNTS},
        rates={
            name: derived[name] if row.figures.count(RATE_BASE[name]) >= SMALL_COUNT else None
            for name, _label in RATES
        },
        disputes={
            **{name: public_count(row.figures.count(name)) for name, _label in DISPUTE_COUNTS},
            **{
                name: derived[name] if row.figures.timed(DISPUTE_RATE_BASE[name]) >= SMALL_COUNT else None
                for name, _label in DISPUTE_RATES
            },
        },
    )


def public_statistics(scope: Scope, *, by: str, trend: str) -> dict[str, Any]:
    """The total, one row per group of `by` and one per week or month of `trend`: five queries at most."""
    return {
        "total": _public(report_total(scope)),
        "groups": [_public(row) for row in report_rows(scope, by)],
        "trend": [_public(row) for row in report_rows(scope, trend)],
    }


def definitions_shown() -> list[tuple[str | Promise, str | Promise]]:
    """Each definition under the heading its figure has in the tables."""
    headings: dict[str, str | Promise] = {
        **{figure.value: figure.label for figure in Figure},
        **dict(RATES),
        **dict(DISPUTE_COUNTS),
        **dict(DISPUTE_RATES),
        "small_counts": _("Small counts"),
    }
    return [(headings.get(key, key), text) for key, text in DEFINITIONS.items()]
