"""The search, filters, sort and page size shared by the platform queue, the office docket and the
rightsholder's case list, and the bounded counts that keep their cost independent of the number of cases.

Each list passes its own choices (which statuses and modes it shows, whether cases are assigned to people);
the parsing, the filtering and the counting are the same everywhere.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, cast

from django import forms
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet, Sum
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from cases.case_search import MAX_NUMBER_DIGITS, MIN_TEXT_LENGTH, case_ids_found
from cases.models import Assignment, Case, CaseCount
from cases.services.list_counts import counts_kept
from complaints.models import RightType

# Past this many matches a list says "more than 10,000" instead of counting on through the whole scope.
COUNT_BOUND = 10_000
# The counts beside each filter choice (a dozen of them a page) stop sooner: "1,000+" is enough to choose by.
FACET_BOUND = 1_000
PAGE_SIZES = (25, 50, 100)


SORTS: dict[str, tuple[str, ...]] = {
    # Within the same deadline, cases of good-faith filers first (programmes.good_faith).
    "deadline": ("deadline", "-priority", "pk"),
    "newest": ("-created_at", "-pk"),
    "oldest": ("created_at", "pk"),
    "status": ("status", "deadline", "pk"),
}
SORT_CHOICES = [
    ("deadline", _("Soonest deadline")),
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
    ("status", _("Status")),
]


@dataclass(frozen=True)
class CaseListQuery:
    """What a person asked a case list for; the empty query is the list's default."""

    text: str = ""
    mode: str = ""
    status: str = ""
    right_type: str = ""
    overdue: bool = False
    mine: bool = False
    sort: str = ""
    per_page: int = PAGE_SIZES[0]
    # The search's matches, looked up once and shared by the copies `replace()` makes for the counts
    # beside each choice (the dict itself is carried over), so a page runs the search once.
    found: dict[str, QuerySet | list[int]] = field(default_factory=dict, compare=False, repr=False)

    def cases_found(self) -> QuerySet | list[int]:
        if self.text not in self.found:
            self.found[self.text] = case_ids_found(self.text)
        return self.found[self.text]

    @property
    def by_mode_and_status_only(self) -> bool:
        """Whether nothing but the mode and the status narrows the list: what the kept counts can answer."""
        return not (self.text or self.right_type or self.overdue or self.mine)


@dataclass(frozen=True)
class CountedScope:
    """Where the database keeps the counts of a list's cases (cases.models.CaseCount: one scope and the id
    of its platform, office or organisation, or a subquery giving it), and which (mode, status) of them the
    list shows for a query before its mode and status filters: `shows(query, mode, status)`."""

    scope: str
    scope_pk: Any
    shows: Callable[[CaseListQuery, str, str], bool]

    def counts(self) -> "KeptCounts":
        """The scope's counts per (mode, status), in one query."""
        rows = (
            CaseCount.objects.filter(scope=self.scope, scope_pk=self.scope_pk)
            .order_by()
            .values_list("mode", "status")
            .annotate(cases=Sum("n"))
        )
        return KeptCounts(self, {(mode, status): cases for mode, status, cases in rows})


@dataclass(frozen=True)
class KeptCounts:
    counted: CountedScope
    by_mode_and_status: dict[tuple[str, str], int]

    def count(self, query: CaseListQuery) -> int:
        """How many cases the list shows for `query` (which narrows by mode and status only)."""
        return sum(
            cases
            for (mode, status), cases in self.by_mode_and_status.items()
            if (not query.mode or mode == query.mode)
            and (not query.status or status == query.status)
            and self.counted.shows(query, mode, status)
        )


DEFAULT_QUERY = CaseListQuery()


class CaseListForm(forms.Form):
    """The query string of a case list. A value that is not understood is an error next to its field and
    is left out of the query (`query()`), so the rest of the list still answers."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=500,
        help_text=_(
            "Case or complaint number, listing URL or id, store id or name, registration number, complainant."
        ),
    )
    mode = forms.ChoiceField(label=_("Handling mode"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    right_type = forms.ChoiceField(
        label=_("Right type"), required=False, choices=[("", _("Any right")), *RightType.choices]
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)
    per_page = forms.TypedChoiceField(
        label=_("Per page"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[(size, size) for size in PAGE_SIZES],
    )

    def __init__(
        self,
        data: Mapping[str, object] | None,
        *,
        modes: Sequence[tuple[str, Any]],
        statuses: Sequence[tuple[str, Any]],
        assignable: bool = False,
    ) -> None:
        super().__init__(data)
        # The choices the list offers, kept as given: facet_counts labels them with their counts.
        self.offered: dict[str, list[tuple[str, Any]]] = {"mode": list(modes), "status": list(statuses)}
        for name, choices in self.offered.items():
            self.choice_field(name).choices = choices
        if not assignable:
            del self.fields["mine"]

    def choice_field(self, name: str) -> forms.ChoiceField:
        return cast(forms.ChoiceField, self.fields[name])

    def clean_q(self) -> str:
        text = " ".join(self.cleaned_data["q"].split())
        if text and not (text.isdigit() and len(text) <= MAX_NUMBER_DIGITS) and len(text) < MIN_TEXT_LENGTH:
            raise forms.ValidationError(
                _("Type a number or at least %(n)d characters.") % {"n": MIN_TEXT_LENGTH}
            )
        return text

    def query(self) -> CaseListQuery:
        """The valid part of the submitted query (the default list when nothing was submitted)."""
        if not self.is_bound:
            return CaseListQuery()
        self.is_valid()
        data = self.cleaned_data
        return CaseListQuery(
            text=data.get("q", ""),
            mode=data.get("mode", ""),
            status=data.get("status", ""),
            right_type=data.get("right_type", ""),
            overdue=data.get("overdue", False),
            mine=data.get("mine", False),
            sort=data.get("sort") or "",
            per_page=data.get("per_page") or PAGE_SIZES[0],
        )


def case_list_filter(
    cases: QuerySet[Case],
    query: CaseListQuery,
    *,
    user: User,
    overdue_statuses: Iterable[str],
    default_sort: str = "deadline",
) -> QuerySet[Case]:
    """`cases` (already scoped to the user) narrowed and ordered as `query` asks."""
    if query.text:
        cases = cases.filter(pk__in=query.cases_found())
    if query.mode:
        cases = cases.filter(mode=query.mode)
    if query.status:
        cases = cases.filter(status=query.status)
    if query.right_type:
        cases = cases.filter(complaint__right__right_type=query.right_type)
    if query.overdue:
        cases = cases.filter(deadline__lt=timezone.localdate(), status__in=list(overdue_statuses))
    if query.mine:
        cases = cases.filter(Exists(Assignment.objects.filter(case=OuterRef("pk"), official=user)))
    return cases.order_by(*SORTS[query.sort or default_sort])


def bounded_counts(querysets: Mapping[str, QuerySet], bound: int) -> dict[str, int]:
    """How many rows each queryset has, counting no further than `bound` + 1, in one query.

    One statement of scalar subqueries: a list shows a count beside every filter choice at the cost of
    one round trip, and no count reads more than `bound` + 1 rows.
    """
    counted: list[str] = []
    parts: list[str] = []
    params: list[Any] = []
    for key, queryset in querysets.items():
        try:
            sql, part_params = queryset.order_by().values("pk")[: bound + 1].query.sql_with_params()
        except EmptyResultSet:  # a filter that can match nothing (an empty search result): 0, not a query
            continue
        counted.append(key)
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS counted)")  # noqa: S608 — SQL compiled by the ORM
        params.extend(part_params)
    if not counted:
        return dict.fromkeys(querysets, 0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    return {**dict.fromkeys(querysets, 0), **dict(zip(counted, row, strict=True))}


class BoundedPaginator(Paginator):
    """Pages over at most COUNT_BOUND + 1 matches: counting all of a scope of a million cases would scan it.

    `count` is exact up to COUNT_BOUND; past it `is_bounded` is true and the page says "more than". A count
    already known (`known`: kept by the database) is taken as it is, bounded the same way, so the pages
    offered never reach further into the list than a counted list's.
    """

    def __init__(self, object_list: QuerySet, per_page: int, *, known: int | None = None) -> None:
        super().__init__(object_list, per_page)
        self.known = known

    @cached_property
    def count(self) -> int:
        if self.known is not None:
            return min(self.known, COUNT_BOUND + 1)
        cases = cast(QuerySet, self.object_list)
        # values(): the count needs no joined columns (select_related would join them all).
        return cases.order_by().values("pk")[: COUNT_BOUND + 1].count()

    @property
    def is_bounded(self) -> bool:
        return self.count > COUNT_BOUND


def facet_counts(
    case_list: Callable[[CaseListQuery], QuerySet[Case]],
    form: CaseListForm,
    query: CaseListQuery,
    kept: KeptCounts | None = None,
) -> dict[str, dict[str, int]]:
    """For the mode and status choices of `form`, how many cases `case_list` (the list's selector) would
    show with that choice and the rest of `query` kept: from the `kept` counts when given, otherwise
    counted, bounded, in one query; the choice labels carry them.

    A search matching more than cases.case_search.FETCHED_MATCHES cases gets no counts: each of them would re-run the whole
    search as a subquery (seconds for a common store name), and the person narrows the search first."""
    if query.text and not isinstance(query.cases_found(), list):
        return {"mode": {}, "status": {}}
    narrowed: dict[str, CaseListQuery] = {}
    for name in ("mode", "status"):
        for value, _label in form.offered[name]:
            if value:
                narrowed[f"{name}:{value}"] = (
                    replace(query, mode=value) if name == "mode" else replace(query, status=value)
                )
    if kept is not None:
        counts = {key: kept.count(choice) for key, choice in narrowed.items()}
    else:
        counts = bounded_counts({key: case_list(choice) for key, choice in narrowed.items()}, FACET_BOUND)
    facets: dict[str, dict[str, int]] = {"mode": {}, "status": {}}
    for key, count in counts.items():
        name, value = key.split(":", 1)
        facets[name][value] = count
    for name, by_value in facets.items():
        form.choice_field(name).choices = [
            (value, f"{label} ({_count_text(by_value[value])})" if value in by_value else label)
            for value, label in form.offered[name]
        ]
    return facets


def _count_text(count: int) -> str:
    return f"{FACET_BOUND:,}+" if count > FACET_BOUND else f"{count:,}"


def kept_counts_for(counted: CountedScope | None, query: CaseListQuery) -> KeptCounts | None:
    """The database's counts of the list's scope when they answer `query` (one query), otherwise None:
    the list then counts its cases, bounded."""
    if counted is None or not query.by_mode_and_status_only or not counts_kept():
        return None
    return counted.counts()


def case_list_context(
    data: QueryDict,
    form: CaseListForm,
    case_list: Callable[[CaseListQuery], QuerySet[Case]],
    counted: CountedScope | None = None,
) -> dict:
    """What a case list page shows: the form with its counts, the page of cases asked for, and the query
    string the pager, the sort links and "select all matching" carry on. With `counted` (where the
    database keeps the list's counts), a list narrowed by mode and status only reads its total and the
    counts beside its choices from there."""
    query = form.query()
    kept = kept_counts_for(counted, query)
    known = kept.count(query) if kept is not None else None
    page_obj = BoundedPaginator(case_list(query), query.per_page, known=known).get_page(data.get("page"))
    facet_counts(case_list, form, query, kept)
    rest = data.copy()
    rest.pop("page", None)
    return {
        "form": form,
        "query": query,
        "page_obj": page_obj,
        "cases": page_obj.object_list,
        "query_without_page": f"{rest.urlencode()}&" if rest else "",
        "filter_query": rest.urlencode(),
        "count_bound": COUNT_BOUND,
    }
