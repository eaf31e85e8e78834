"""Reads of the supervision dashboard: the figures of the platforms and offices in the authority's
regions, from the daily figures, and the cases behind a figure, from the cases the authority may read."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import OrgKind, User
from accounts.selectors import organisation_of
from aggregates.figures import Figure
from aggregates.models import OverdueNow
from aggregates.report import report_rows, report_total
from aggregates.selectors import Scope
from cases.models import OPEN_STATUSES, Case, CaseClosure, CaseOutcome
from cases.selectors import cases_visible_to
from cases.services._scope import supervised_regions
from enforcement.models import Office
from platforms.models import Platform


@dataclass(frozen=True)
class Supervised:
    platform_pks: frozenset[int]
    office_pks: frozenset[int]


def supervised_by(user: User) -> Supervised:
    """The platforms registered and the offices serving in the authority's regions; PermissionError
    for anyone but a supervising authority's official."""
    org = organisation_of(user)
    if org is None or org.kind != OrgKind.SUPERVISOR:
        raise PermissionError
    regions = supervised_regions(org)
    return Supervised(
        platform_pks=frozenset(Platform.objects.filter(region__in=regions).values_list("pk", flat=True)),
        office_pks=frozenset(Office.objects.filter(regions__in=regions).values_list("pk", flat=True)),
    )


def supervision_dashboard(*, user: User, data: dict[str, Any]) -> dict[str, Any]:
    """Per platform, per office and per week or month, for the period and filters of `data` (a valid
    aggregates.forms.PeriodForm): a fixed number of queries on the daily figures, never on the cases."""
    supervised = supervised_by(user)
    scope = Scope(
        start=data["start"],
        end=data["end"],
        right_type=data["right_type"],
        mode=data["mode"],
        platforms_or_offices=(supervised.platform_pks, supervised.office_pks),
    )
    overdue_platform: dict[int, int] = {}
    overdue_office: dict[int, int] = {}
    for row in OverdueNow.objects.filter(
        Q(platform_pk__in=supervised.platform_pks) | Q(office_pk__in=supervised.office_pks)
    ):
        overdue_platform[row.platform_pk] = overdue_platform.get(row.platform_pk, 0) + row.n
        overdue_office[row.office_pk] = overdue_office.get(row.office_pk, 0) + row.n
    return {
        "total": report_total(scope),
        "platforms": report_rows(scope, "platform_pk"),
        "offices": [row for row in report_rows(scope, "office_pk") if row.key],
        "trend": report_rows(scope, data["trend"]),
        "overdue_platform": overdue_platform,
        "overdue_office": overdue_office,
    }


def _between(field: str, start: date, end: date) -> Q:
    return Q(**{f"{field}__date__gte": start, f"{field}__date__lte": end})


def _figure_filter(figure: str, start: date, end: date) -> Q:
    """The cases a figure counts, by the fields that record the step it counts."""
    decided = _between("decided_at", start, end)
    return {
        Figure.NOTICES: _between("routed_at", start, end),
        Figure.CASES: _between("routed_at", start, end),
        Figure.LISTINGS: _between("routed_at", start, end),
        Figure.DECIDED: decided,
        Figure.DECIDED_IN_TIME: decided,
        Figure.MEASURES: decided & Q(outcome__in=(CaseOutcome.UPHELD, CaseOutcome.RESTORED)),
        Figure.REJECTIONS: decided & Q(outcome=CaseOutcome.NOT_UPHELD),
        Figure.COUNTER_NOTICES: _between("counter_notice__submitted_at", start, end),
        Figure.RESTORATIONS: _between("closed_at", start, end) & Q(closure=CaseClosure.RESTORED),
        Figure.ADMIN_ACCEPTED: _between("accepted_at", start, end),
        Figure.ADMIN_DECIDED: _between("administrative_decision__issued_at", start, end),
        Figure.OPINIONS: _between("opinion__issued_at", start, end),
        "overdue": Q(status__in=OPEN_STATUSES, deadline__lt=timezone.localdate()),
    }.get(figure, _between("routed_at", start, end))


DRILLABLE = (*(f.value for f in Figure), "overdue")


def cases_behind(
    *, user: User, figure: str, start: date, end: date, platform_pk: int | None, office_pk: int | None
) -> QuerySet[Case]:
    """The cases behind a figure of the dashboard, among those the authority may read, newest first."""
    qs = cases_visible_to(user).filter(_figure_filter(figure, start, end))
    if platform_pk is not None:
        qs = qs.filter(platform_id=platform_pk)
    if office_pk is not None:
        qs = qs.filter(office_id=office_pk)
    return qs.select_related("platform__organisation", "office__organisation", "complaint__right").order_by(
        "-pk"
    )
