"""Reads of the daily figures: sums over a period, grouped by one dimension, with the rates and the
percentiles derived from them. A fixed number of queries on the aggregate table, whatever the number
of cases."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import TruncMonth, TruncWeek

from aggregates.figures import DURATIONS, HOUR_BUCKETS, Figure
from aggregates.models import DailyFigure

DIMENSIONS = ("platform_pk", "office_pk", "right_type", "mode")
TRENDS = {"week": TruncWeek, "month": TruncMonth}


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


@dataclass
class Figures:
    """The sums of one group: plain counts, and for each duration the count per bucket."""

    counts: dict[str, int] = field(default_factory=dict)
    buckets: dict[str, list[int]] = field(default_factory=dict)

    def add(self, figure: str, bucket: int, n: int) -> None:
        if figure in DURATIONS:
            row = self.buckets.setdefault(figure, [0] * (len(HOUR_BUCKETS) + 1))
            row[bucket] += n
        else:
            self.counts[figure] = self.counts.get(figure, 0) + n

    def count(self, figure: str) -> int:
        """A plain figure's sum: a Figure or a dispute step's figure (aggregates.figures.DISPUTE_STEPS)."""
        return self.counts.get(figure, 0)

    def timed(self, figure: Figure) -> int:
        """How many durations a duration figure holds."""
        return sum(self.buckets.get(figure, ()))

    def percentile_hours(self, figure: Figure, p: float) -> int | None:
        """The upper bound (hours) of the bucket holding the p-th share of the durations; None without
        any, and the last bound + 1 for durations beyond the last bucket."""
        row = self.buckets.get(figure)
        total = sum(row) if row else 0
        if not row or not total:
            return None
        running = 0
        for i, n in enumerate(row):
            running += n
            if running >= p * total:
                return HOUR_BUCKETS[i] if i < len(HOUR_BUCKETS) else HOUR_BUCKETS[-1] + 1
        return None  # pragma: no cover — the running sum reaches the total

    def derived(self) -> dict[str, float | int | None]:
        """Rates and percentiles (hours) of this group, by the definitions in docs/transparency.md."""
        c = self.count
        measures, decided = c(Figure.MEASURES), c(Figure.DECIDED)
        mediations = c(Figure.MEDIATIONS_AGREED) + c(Figure.MEDIATIONS_FAILED)
        return {
            "decided_in_time_share": _share(c(Figure.DECIDED_IN_TIME), decided),
            "takedown_rate": _share(measures, decided),
            "rejection_rate": _share(c(Figure.REJECTIONS), decided),
            "counter_notice_rate": _share(c(Figure.COUNTER_NOTICES), measures),
            "restoration_rate": _share(c(Figure.RESTORATIONS), measures),
            "opinions_in_time_share": _share(c(Figure.OPINIONS_IN_TIME), c(Figure.OPINIONS)),
            "admin_decided_in_time_share": _share(c(Figure.ADMIN_DECIDED_IN_TIME), c(Figure.ADMIN_DECIDED)),
            "mediation_success_rate": _share(c(Figure.MEDIATIONS_AGREED), mediations),
            **{
                f"{figure}_{name}": self.percentile_hours(figure, p)
                for figure in DURATIONS
                for name, p in (("median", 0.5), ("p90", 0.9))
            },
        }


@dataclass(frozen=True)
class Scope:
    """Which rows count: a period and optional filters (an empty filter lets everything through)."""

    start: date
    end: date
    platform_pks: frozenset[int] | None = None
    office_pks: frozenset[int] | None = None
    right_type: str = ""
    mode: str = ""
    # A supervising authority's figures: rows of its platforms or of its offices.
    platforms_or_offices: tuple[frozenset[int], frozenset[int]] | None = None

    def rows(self) -> QuerySet[DailyFigure]:
        qs = DailyFigure.objects.filter(day__gte=self.start, day__lte=self.end)
        if self.platform_pks is not None:
            qs = qs.filter(platform_pk__in=self.platform_pks)
        if self.office_pks is not None:
            qs = qs.filter(office_pk__in=self.office_pks)
        if self.right_type:
            qs = qs.filter(right_type=self.right_type)
        if self.mode:
            qs = qs.filter(mode=self.mode)
        if self.platforms_or_offices is not None:
            platforms, offices = self.platforms_or_offices
            qs = qs.filter(Q(platform_pk__in=platforms) | Q(office_pk__in=offices))
        return qs.order_by()


def figures_total(scope: Scope) -> Figures:
    """The sums over the whole scope: one query."""
    total = Figures()
    for row in scope.rows().values("figure", "bucket").annotate(n=Sum("n")):
        total.add(row["figure"], row["bucket"], row["n"])
    return total


def figures_by(scope: Scope, by: str) -> dict[Any, Figures]:
    """The sums per value of one dimension (DIMENSIONS) or per week or month (TRENDS): one query."""
    qs = scope.rows()
    if by in TRENDS:
        qs = qs.annotate(group=TRENDS[by]("day"))
        group = "group"
    elif by in DIMENSIONS:
        group = by
    else:
        raise ValueError(by)
    groups: dict[Any, Figures] = {}
    for row in qs.values(group, "figure", "bucket").annotate(n=Sum("n")).order_by(group):
        groups.setdefault(row[group], Figures()).add(row["figure"], row["bucket"], row["n"])
    return groups
