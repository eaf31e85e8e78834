"""Public aggregate statistics: counts only, never a name, an id or anything else about a person."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cases.models import Case, CaseStatus, HandlingMode

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
