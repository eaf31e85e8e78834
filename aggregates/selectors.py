"""Reads of the daily figures: sums over a period, grouped by one dimension, with the rates and the
percentiles derived from them. A fixed number of queries on the aggregate table, whatever the number
of cases, and for the settled days none while their sums are in the shared cache."""

import contextlib
import hashlib
import json
import logging
import time
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from django.core.cache import cache
from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone

from aggregates.figures import DURATIONS, HOUR_BUCKETS, Figure
from aggregates.models import DailyFigure
from iprgov.throttling import CACHE_UNREACHABLE

DIMENSIONS = ("platform_pk", "office_pk", "right_type", "mode")
TRENDS = {"week": TruncWeek, "month": TruncMonth}

log = logging.getLogger(__name__)


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


# A day's figures change only by the events of that day (an action counts on the day its audit entry is
# timed) and by a rebuild. Days before yesterday are settled: their sums are kept in the shared cache,
# keyed by the rebuild's generation, for SETTLED_SECONDS (the bound on staleness for a per-process cache,
# which a rebuild in another process cannot reach). Yesterday stays live because an entry is timed when
# its transaction began, which may be before midnight.
SETTLED_SECONDS = 15 * 60
GENERATION_KEY = "aggregates:figures:generation"

Sums = list[tuple[Any, str, int, int]]  # (group or None, figure, bucket, n)


def _summed(scope: Scope, group: str | None, trunc: Any = None) -> Sums:
    qs = scope.rows()
    if trunc is not None:
        qs = qs.annotate(group=trunc("day"))
    fields = [group] if group else []
    rows = (
        qs.values(*fields, "figure", "bucket")
        .annotate(n=Sum("n"))
        .values_list(*fields, "figure", "bucket", "n")
    )
    return [tuple(row) if group else (None, *row) for row in rows]


def _cache_key(scope: Scope, group: str | None, generation: object) -> str:
    def pks(values: frozenset[int] | None) -> list[int] | None:
        return None if values is None else sorted(values)

    either = scope.platforms_or_offices
    parts = [
        generation,
        scope.start.isoformat(),
        scope.end.isoformat(),
        pks(scope.platform_pks),
        pks(scope.office_pks),
        scope.right_type,
        scope.mode,
        None if either is None else [pks(either[0]), pks(either[1])],
        group,
    ]
    digest = hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()
    return f"aggregates:figures:{digest}"


def _settled(scope: Scope, group: str | None, trunc: Any) -> Sums:
    try:
        key = _cache_key(scope, group, cache.get(GENERATION_KEY, 0))
        sums = cache.get(key)
    except CACHE_UNREACHABLE:  # read from the table, as on a miss
        log.warning("figures summed without the shared cache: it cannot be reached", exc_info=True)
        return _summed(scope, group, trunc)
    if sums is None:
        sums = _summed(scope, group, trunc)
        with contextlib.suppress(*CACHE_UNREACHABLE):
            cache.set(key, sums, SETTLED_SECONDS)
    return sums


def _sums(scope: Scope, group: str | None = None, trunc: Any = None) -> Sums:
    """The sums of the scope's rows per group, figure and bucket: the settled days' from the cache (one
    query on a miss), the live days' from the table (one query)."""
    live_from = timezone.localdate() - timedelta(days=1)
    sums: Sums = []
    if scope.start < live_from:
        sums += _settled(replace(scope, end=min(scope.end, live_from - timedelta(days=1))), group, trunc)
    if scope.end >= live_from:
        sums += _summed(replace(scope, start=max(scope.start, live_from)), group, trunc)
    return sums


def figures_generation_next() -> None:
    """After a rebuild: every settled sum in the shared cache is read again from the table."""
    with contextlib.suppress(*CACHE_UNREACHABLE):
        cache.set(GENERATION_KEY, time.time_ns(), None)


def figures_total(scope: Scope) -> Figures:
    """The sums over the whole scope: one query at most."""
    total = Figures()
    for _group, figure, bucket, n in _sums(scope):
        total.add(figure, bucket, n)
    return total


def figures_by(scope: Scope, by: str) -> dict[Any, Figures]:
    """The sums per value of one dimension (DIMENSIONS) or per week or month (TRENDS), in the order of
    that value: two queries at most."""
    if by in TRENDS:
        sums = _sums(scope, "group", TRENDS[by])
    elif by in DIMENSIONS:
        sums = _sums(scope, by)
    else:
        raise ValueError(by)
    groups: dict[Any, Figures] = {}
    for group, figure, bucket, n in sums:
        groups.setdefault(group, Figures()).add(figure, bucket, n)
    return dict(sorted(groups.items()))
