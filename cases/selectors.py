"""Reads of cases, always scoped to what the user's organisation may see."""

from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet
from django.utils import timezone

from accounts.models import OrgKind, User
from accounts.selectors import organisation_of
from audit.selectors import audit_history_for_case
from cases.actions import RESPONDENT_INVOLVED
from cases.available import actions_available
from cases.models import OPEN_STATUSES, Case, CaseStatus, CounterNotice, HandlingMode, ListingDecision
from cases.parties import complainant_must_act
from cases.services._scope import cases_in_regions, supervised_regions
from complaints.models import Listing
from enforcement.models import Office


def cases_visible_to(user: User) -> QuerySet[Case]:
    """A rightsholder its own complaints' cases, a platform the cases on it, an office those of its
    jurisdiction, a supervising authority (to read only) those of its regions."""
    org = organisation_of(user)
    if org is None:
        return Case.objects.none()
    if org.kind == OrgKind.SUPERVISOR:
        return Case.objects.filter(cases_in_regions(supervised_regions(org)))
    scope = {
        OrgKind.RIGHTSHOLDER: Q(complaint__filed_by_org=org),
        OrgKind.PLATFORM: Q(platform__organisation=org),
        OrgKind.OFFICE: Q(office__organisation=org),
    }[OrgKind(org.kind)]
    return Case.objects.filter(scope)


def _list_columns(qs: QuerySet[Case]) -> QuerySet[Case]:
    # routing_rule: the "why this mode" column is re-rendered from it in the reader's language.
    return qs.select_related(
        "platform__organisation", "office__organisation", "store", "complaint__right", "routing_rule"
    ).annotate(listing_count=Count("listings"))


def case_list_for_platform(*, user: User, mode: str = "", status: str = "") -> QuerySet[Case]:
    qs = cases_visible_to(user).exclude(status=CaseStatus.NEW)
    if mode:
        qs = qs.filter(mode=mode)
    if status:
        qs = qs.filter(status=status)
    return _list_columns(qs).order_by("deadline", "pk")


def case_list_for_office(*, user: User, mode: str = "", status: str = "") -> QuerySet[Case]:
    qs = cases_visible_to(user)
    qs = qs.filter(mode=mode) if mode else qs.exclude(mode=HandlingMode.PLATFORM)
    if status:
        qs = qs.filter(status=status)
    return _list_columns(qs).order_by("deadline", "pk")


def case_list_for_rightsholder(*, user: User) -> QuerySet[Case]:
    return _list_columns(cases_visible_to(user)).order_by("-created_at", "-pk")


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


def case_get(*, user: User, case_id: int) -> Case:
    """One case with what its page shows; Case.DoesNotExist (a 404) outside the user's scope."""
    return (
        cases_visible_to(user)
        .select_related(
            "platform__organisation",
            "office__organisation",
            "store",
            "complaint__right",
            "complaint__authorisation",
            "complaint__filed_by_org",
            "routing_rule",
            "opinion__official",
            "administrative_decision__official",
        )
        .get(pk=case_id)
    )


def office_of(user: User) -> Office | None:
    org = organisation_of(user)
    return getattr(org, "office", None) if org and org.kind == OrgKind.OFFICE else None


def case_page(*, user: User, case_id: int) -> dict:
    """Everything a case page shows, in a fixed number of queries; Case.DoesNotExist outside the user's scope."""
    from django.db.models import Prefetch

    case = case_get(user=user, case_id=case_id)
    listings = list(
        Listing.objects.filter(case=case)
        .prefetch_related(
            Prefetch("decisions", queryset=ListingDecision.objects.select_related("decided_by"))
        )
        .order_by("pk")
    )
    return {
        "case": case,
        "listings": listings,
        "evidence": list(case.complaint.evidence.all()),
        "history": list(audit_history_for_case(case_id=case.pk)),
        "opinion": getattr(case, "opinion", None),
        "decision": getattr(case, "administrative_decision", None),
        **notice_and_takedown_records(case),
        **administrative_records(case),
        # What this user may do now: pages offer exactly these (cases.available).
        "actions": actions_available(case, user),
    }


def administrative_records(case: Case) -> dict:
    """Consent requests, assigned officials and hearings / mediation of a case already fetched in scope."""
    if case.mode != HandlingMode.ADMINISTRATIVE and not case.fallback_reason:
        return {"consents": [], "assignments": [], "sessions": []}
    return {
        "consents": list(case.consents.select_related("answered_by").order_by("party")),
        "assignments": list(case.assignments.select_related("official").order_by("assigned_at", "pk")),
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


def docket_for_office(*, user: User, mode: str = "", status: str = "") -> QuerySet[Case]:
    """The office's docket (case_list_for_office) with `is_overdue`: deadline before today, case open."""
    overdue = Q(deadline__lt=timezone.localdate(), status__in=OPEN_STATUSES)
    return case_list_for_office(user=user, mode=mode, status=status).annotate(
        is_overdue=ExpressionWrapper(overdue, output_field=BooleanField())
    )


def case_list_for_user(*, user: User) -> QuerySet[Case]:
    """Every case the user's organisation sees, with the list columns (API list; filters applied by the caller)."""
    return _list_columns(cases_visible_to(user))
