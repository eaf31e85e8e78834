"""Reads of cases, always scoped to what the user's organisation may see."""

from django.core.paginator import Paginator
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.http import QueryDict
from django.utils import timezone

from accounts.models import OrgKind, User
from accounts.selectors import organisation_of
from audit.selectors import audit_history_for_case
from cases.actions import RESPONDENT_INVOLVED, CaseAction
from cases.available import actions_available
from cases.case_lists import DEFAULT_QUERY, CaseListQuery, CountedScope, case_list_filter
from cases.models import (
    OPEN_STATUSES,
    PLATFORM_ACTION_STATUSES,
    AssistanceRequest,
    Case,
    CaseStatus,
    CounterNotice,
    CountScope,
    HandlingMode,
    ListingDecision,
    RequestStatus,
    RoutingRecord,
    Transfer,
)
from cases.parties import complainant_must_act
from cases.services._scope import cases_in_regions, supervised_regions
from complaints.models import Listing
from enforcement.models import Office
from platforms.models import Platform


def cases_visible_to(user: User) -> QuerySet[Case]:
    """A rightsholder its own complaints' cases, a platform the cases on it, an office those of its jurisdiction,
    a supervising authority (to read only) those of its regions; a dispute-resolution body or a
    law-enforcement authority none.

    Scoped on the case's own foreign-key columns: `platform_id = (the platform of the organisation)` is one
    index condition (the subquery runs once, as an InitPlan), where a join through the organisation would
    keep the list indexes from being used.
    """
    org = organisation_of(user)
    if org is None:
        return Case.objects.none()
    if org.kind == OrgKind.SUPERVISOR:
        return Case.objects.filter(cases_in_regions(supervised_regions(org)))
    if org.kind == OrgKind.DISPUTE_BODY:
        # A dispute-resolution body sees a case only once both parties have referred it there: a referral
        # to it that the other party accepted (disputes.models.DisputeReferral; one per case).
        return Case.objects.filter(
            dispute_referrals__body__organisation=org, dispute_referrals__accepted_at__isnull=False
        )
    if org.kind == OrgKind.LAW_ENFORCEMENT:
        # A law-enforcement authority reads what was referred to it in the referral and its clue package
        # (law_enforcement.selectors), never the case's own pages.
        return Case.objects.none()
    scope = {
        # The complainant is stored on the case: one index condition, as for a platform or an office.
        OrgKind.RIGHTSHOLDER: Q(complainant_org=org),
        OrgKind.PLATFORM: Q(platform_id=_platform_pk(org)),
        OrgKind.OFFICE: Q(office_id=_office_pk(org)),
    }[OrgKind(org.kind)]
    return Case.objects.filter(scope)


def _platform_pk(org) -> Subquery:
    return Subquery(Platform.objects.filter(organisation=org).order_by().values("pk")[:1])


def _office_pk(org) -> Subquery:
    return Subquery(Office.objects.filter(organisation=org).order_by().values("pk")[:1])


def _counted(user: User, kind: OrgKind, shows) -> CountedScope | None:
    """Where the database keeps the counts of the user's list (cases.models.CaseCount), for a user of the
    organisation kind the list is for; None otherwise (the list counts its cases)."""
    org = organisation_of(user)
    if org is None or org.kind != kind:
        return None
    scope_pk = {
        OrgKind.PLATFORM: lambda: (CountScope.PLATFORM, _platform_pk(org)),
        OrgKind.OFFICE: lambda: (CountScope.OFFICE, _office_pk(org)),
        OrgKind.RIGHTSHOLDER: lambda: (CountScope.COMPLAINANT, org.pk),
    }[kind]()
    return CountedScope(*scope_pk, shows=shows)


def _list_columns(qs: QuerySet[Case]) -> QuerySet[Case]:
    # routing_rule: the "why this mode" column is re-rendered from it in the reader's language.
    return qs.select_related(
        "platform__organisation",
        "office__organisation",
        "store",
        "complaint__right",
        "routing_rule",
        "routed_office__organisation",
    )


def platform_queue_scope(*, user: User) -> QuerySet[Case]:
    """Every case the platform's queue can show: routed cases on the user's platform."""
    return cases_visible_to(user).exclude(status=CaseStatus.NEW)


def platform_queue_counted(*, user: User) -> CountedScope | None:
    """The platform queue's kept counts: those of the platform, unrouted cases left out (platform_queue_scope)."""
    return _counted(user, OrgKind.PLATFORM, lambda query, mode, status: status != CaseStatus.NEW)


def case_list_for_platform(*, user: User, query: CaseListQuery = DEFAULT_QUERY) -> QuerySet[Case]:
    cases = case_list_filter(
        platform_queue_scope(user=user), query, user=user, overdue_statuses=PLATFORM_ACTION_STATUSES
    )
    return _list_columns(cases)


def office_docket_scope(*, user: User, mode: str = "") -> QuerySet[Case]:
    """The office's docket: its opinion and administrative cases, or those of one mode when `mode` is given."""
    cases = cases_visible_to(user)
    return cases if mode else cases.exclude(mode=HandlingMode.PLATFORM)


def office_docket_counted(*, user: User) -> CountedScope | None:
    """The docket's kept counts: those of the office, platform-mode cases left out unless a mode is asked
    for (office_docket_scope)."""
    return _counted(
        user, OrgKind.OFFICE, lambda query, mode, status: bool(query.mode) or mode != HandlingMode.PLATFORM
    )


def case_list_for_office(*, user: User, query: CaseListQuery = DEFAULT_QUERY) -> QuerySet[Case]:
    cases = case_list_filter(
        office_docket_scope(user=user, mode=query.mode), query, user=user, overdue_statuses=OPEN_STATUSES
    )
    return _list_columns(cases)


def rightsholder_cases_counted(*, user: User) -> CountedScope | None:
    """The rightsholder's kept counts: every case of its complaints."""
    return _counted(user, OrgKind.RIGHTSHOLDER, lambda query, mode, status: True)


def case_list_for_rightsholder(*, user: User, query: CaseListQuery = DEFAULT_QUERY) -> QuerySet[Case]:
    cases = case_list_filter(
        cases_visible_to(user), query, user=user, overdue_statuses=OPEN_STATUSES, default_sort="newest"
    )
    return _list_columns(cases)


def cases_waiting_for_complainant(*, user: User) -> QuerySet[Case]:
    """The rightsholder's cases in which it must act now, soonest deadline first."""
    return (
        cases_visible_to(user)
        .filter(complainant_must_act())
        .select_related("platform__organisation", "store")
        .order_by("deadline", "pk")
    )


def cases_with_unreachable_respondent(*, user: User) -> QuerySet[Case]:
    """Cases in which the respondent has something to read or do but its store has no contact email."""
    return (
        cases_visible_to(user)
        .filter(status__in=RESPONDENT_INVOLVED, store__contact_email="")
        .select_related("store")
        .order_by("deadline", "pk")
    )


def _with_page_relations(qs: QuerySet[Case]) -> QuerySet[Case]:
    return qs.select_related(
        "platform__organisation",
        "office__organisation",
        "store",
        "complaint__right",
        "complaint__authorisation",
        "complaint__filed_by_org",
        "routing_rule",
        "routed_office__organisation",
        "opinion__official",
        "administrative_decision__official",
    )


def case_get(*, user: User, case_id: int) -> Case:
    """One case with what its page shows; Case.DoesNotExist (a 404) outside the user's scope."""
    return _with_page_relations(cases_visible_to(user)).get(pk=case_id)


def _office_org(user: User):
    org = organisation_of(user)
    return org if org is not None and org.kind == OrgKind.OFFICE else None


def cases_asked_of(user: User) -> QuerySet[Case]:
    """Cases another office asks the user's office about, while the transfer or the assistance request
    awaits its answer: the office reads them (with their proof) before it answers."""
    org = _office_org(user)
    if org is None:
        return Case.objects.none()
    asked = {"case": OuterRef("pk"), "to_office__organisation": org, "status": RequestStatus.PENDING}
    return Case.objects.filter(
        Exists(Transfer.objects.filter(**asked)) | Exists(AssistanceRequest.objects.filter(**asked))
    )


def cases_handed_over_by(user: User) -> QuerySet[Case]:
    """Cases the user's office transferred to another office, which accepted them."""
    org = _office_org(user)
    if org is None:
        return Case.objects.none()
    handed = Transfer.objects.filter(
        case=OuterRef("pk"), from_office__organisation=org, status=RequestStatus.ACCEPTED
    )
    return Case.objects.filter(Exists(handed)).exclude(office__organisation=org)


def cases_with_proof_for(user: User) -> QuerySet[Case]:
    """Cases whose proof (certificates, evaluation reports, letters, evidence) the user may open: those in
    its scope and those another office asks its office about."""
    return Case.objects.filter(
        Q(pk__in=cases_visible_to(user).values("pk")) | Q(pk__in=cases_asked_of(user).values("pk"))
    )


def office_of(user: User) -> Office | None:
    org = organisation_of(user)
    return getattr(org, "office", None) if org and org.kind == OrgKind.OFFICE else None


# A case page shows its listings and its history this many at a time (a case can hold 100,000 listings).
CASE_PAGE_ROWS = 100


def case_page(*, user: User, case_id: int, pages: QueryDict | None = None) -> dict:
    """Everything a case page shows, in a fixed number of queries; Case.DoesNotExist outside the user's scope.

    With `pages` (the request's query string) the listings and the history come CASE_PAGE_ROWS at a time,
    as `listings_page` and `history_page` ask; without it, all of them (the API's case detail).
    """
    case = case_get(user=user, case_id=case_id)
    # What this user may do now: pages offer exactly these (cases.available).
    return {**_page_records(case, pages), "actions": actions_available(case, user)}


def case_page_asked(*, user: User, case_id: int, pages: QueryDict | None = None) -> dict:
    """The read-only page of a case another office asks the user's office about (cases_asked_of): all
    that the case's own office reads, and no action; Case.DoesNotExist otherwise."""
    case = _with_page_relations(cases_asked_of(user)).get(pk=case_id)
    return {**_page_records(case, pages), "actions": set()}


def case_history_handed_over(*, user: User, case_id: int) -> dict:
    """What the user's office did on a case it transferred away: the case, its routings and the history
    up to the accepted transfer; Case.DoesNotExist for any other case."""
    case = _with_page_relations(cases_handed_over_by(user)).get(pk=case_id)
    transfer = (
        case.transfers.filter(from_office__organisation=organisation_of(user), status=RequestStatus.ACCEPTED)
        .select_related("to_office")
        .order_by("-answered_at", "-pk")
        .first()
    )
    assert transfer is not None  # the scope above guarantees one
    entries = audit_history_for_case(case_id=case.pk)
    # The entry of the acceptance is the last the office handled. The audit chain stamps entries with the
    # database's transaction time, not the application's clock that stamps transfers, so the two clocks
    # are never compared: the transfer accepted k-th (transfers are answered one at a time, under the
    # case's lock) has the k-th acceptance entry in the trail's order.
    accepted_before = (
        case.transfers.filter(status=RequestStatus.ACCEPTED)
        .filter(
            Q(answered_at__lt=transfer.answered_at) | Q(answered_at=transfer.answered_at, pk__lt=transfer.pk)
        )
        .count()
    )
    accepted = (
        entries.filter(action=CaseAction.TRANSFER_ACCEPTED)
        .order_by("pk")[accepted_before : accepted_before + 1]
        .first()
    )
    history = list(entries.filter(pk__lte=accepted.pk)) if accepted else []
    return {
        "case": case,
        "transfer": transfer,
        # Routing records carry the application's clock, as the transfer does.
        "routings": _routings(case, until=transfer.answered_at),
        "history": history,
    }


def _routings(case: Case, until=None) -> list[RoutingRecord]:
    records = case.routings.select_related("office", "rule", "recorded_by__membership__organisation")
    if until is not None:
        records = records.filter(recorded_at__lte=until)
    return list(records.order_by("recorded_at", "pk"))


def _page_records(case: Case, pages: QueryDict | None) -> dict:
    listings = (
        Listing.objects.filter(case=case)
        .prefetch_related(
            Prefetch("decisions", queryset=ListingDecision.objects.select_related("decided_by"))
        )
        .order_by("pk")
    )
    history = audit_history_for_case(case_id=case.pk)
    paged: dict = {}
    if pages is not None:
        paged = {
            "listings_pager": _ListingsPaginator(listings, CASE_PAGE_ROWS, case=case).get_page(
                pages.get("listings_page")
            ),
            "history_pager": Paginator(history, CASE_PAGE_ROWS).get_page(pages.get("history_page")),
            "listings_query": _pager_prefix(pages, "listings_"),
            "history_query": _pager_prefix(pages, "history_"),
        }
    return {
        "case": case,
        "listings": list(paged["listings_pager"].object_list if paged else listings),
        "evidence": list(case.complaint.evidence.all()),
        "history": list(paged["history_pager"].object_list if paged else history),
        "routings": _routings(case),
        "opinion": getattr(case, "opinion", None),
        "decision": getattr(case, "administrative_decision", None),
        **paged,
        **notice_and_takedown_records(case),
        **administrative_records(case),
    }


class _ListingsPaginator(Paginator):
    """Pages over a case's listings without counting them: the split stored how many (listings are frozen
    once the complaint is submitted)."""

    def __init__(self, listings: QuerySet[Listing], per_page: int, *, case: Case) -> None:
        super().__init__(listings, per_page)
        self.case = case

    @property
    def count(self) -> int:
        return self.case.listing_count


def _pager_prefix(pages: QueryDict, prefix: str) -> str:
    """What cases/_pager.html writes before "page=N": the other parameters kept, ending in `prefix`."""
    rest = pages.copy()
    rest.pop(f"{prefix}page", None)
    return f"{rest.urlencode()}&{prefix}" if rest else prefix


def administrative_records(case: Case) -> dict:
    """Consent requests, assigned officials and hearings / mediation of a case already fetched in scope."""
    if case.mode != HandlingMode.ADMINISTRATIVE and not case.fallback_reason:
        return {"consents": [], "assignments": [], "sessions": []}
    return {
        "consents": list(case.consents.select_related("answered_by").order_by("party")),
        "assignments": list(
            case.assignments.select_related("official__membership__organisation").order_by(
                "assigned_at", "pk"
            )
        ),
        "sessions": list(case.sessions.order_by("scheduled_for", "pk")),
    }


def cooperation_records(case: Case) -> dict:
    """Transfers and assistance requests of a case (the office's page only)."""
    return {
        "transfers": list(
            case.transfers.select_related("from_office__organisation", "to_office__organisation").order_by(
                "requested_at", "pk"
            )
        ),
        "assistance_requests": list(
            case.assistance_requests.select_related(
                "from_office__organisation", "to_office__organisation"
            ).order_by("requested_at", "pk")
        ),
    }


def notice_and_takedown_records(case: Case) -> dict:
    """The counter-notice (with its evidence) and the information requests of a case already fetched in scope."""
    return {
        "counter_notice": CounterNotice.objects.filter(case=case).prefetch_related("evidence").first(),
        "information_requests": list(case.information_requests.order_by("requested_at", "pk")),
    }


def docket_for_office(*, user: User, query: CaseListQuery = DEFAULT_QUERY) -> QuerySet[Case]:
    """The office's docket (case_list_for_office) with `is_overdue`: deadline before today, case open."""
    overdue = Q(deadline__lt=timezone.localdate(), status__in=OPEN_STATUSES)
    return case_list_for_office(user=user, query=query).annotate(
        is_overdue=ExpressionWrapper(overdue, output_field=BooleanField())
    )


def case_list_for_user(*, user: User) -> QuerySet[Case]:
    """Every case the user's organisation sees, with the list columns (API list; filters applied by the caller)."""
    return _list_columns(cases_visible_to(user))
