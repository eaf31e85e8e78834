"""The public register (E-Commerce Law art. 44): each closed case, once the operators' delay has passed
and unless an operator approved withholding it, redacted to what the law has published: the right, the
platform, the listings and the store's business name, the measures and their grounds, whether a
counter-notice was filed, the outcome and the dates. No complainant, no person's name or contact, no
free text a person wrote."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from cases.models import Case, CaseStatus, CounterNotice, ListingDecision
from complaints.models import Listing
from transparency.models import RegisterPolicy, WithholdingRequest, WithholdingStatus

PAGE_SIZE = 25


def register_delay() -> timedelta:
    policy = RegisterPolicy.objects.first()
    return timedelta(
        days=policy.delay_days if policy else RegisterPolicy._meta.get_field("delay_days").default
    )


@dataclass(frozen=True)
class RegisterSearch:
    right_number: str = ""
    platform_pk: int | None = None
    store: str = ""
    closed_from: date | None = None
    closed_to: date | None = None


def register_cases(search: RegisterSearch, *, now: datetime | None = None) -> QuerySet[Case]:
    """The published cases matching the search, last closed first."""
    published_before = (now or timezone.now()) - register_delay()
    withheld = WithholdingRequest.objects.filter(case=OuterRef("pk"), status=WithholdingStatus.APPROVED)
    qs = Case.objects.filter(status=CaseStatus.CLOSED, closed_at__lte=published_before).exclude(
        Exists(withheld)
    )
    if search.right_number:
        qs = qs.filter(complaint__right__registration_number__iexact=search.right_number.strip())
    if search.platform_pk:
        qs = qs.filter(platform_id=search.platform_pk)
    if search.store:
        qs = qs.filter(
            Q(store__name__icontains=search.store.strip()) | Q(store__external_id=search.store.strip())
        )
    if search.closed_from:
        qs = qs.filter(closed_at__date__gte=search.closed_from)
    if search.closed_to:
        qs = qs.filter(closed_at__date__lte=search.closed_to)
    return qs.order_by("-closed_at", "-pk")


@dataclass(frozen=True)
class RegisterPage:
    entries: list[dict[str, Any]]
    number: int
    has_next: bool


def register_page(search: RegisterSearch, *, page: int = 1) -> RegisterPage:
    """One page of redacted entries, without counting the register: a page asks for one row more than it
    shows to know whether another follows. Four queries whatever the page."""
    page = max(page, 1)
    start = (page - 1) * PAGE_SIZE
    decisions = ListingDecision.objects.order_by("created_at", "pk")
    cases = list(
        register_cases(search)
        .select_related("platform__organisation", "store", "complaint__right")
        .annotate(counter_noticed=Exists(CounterNotice.objects.filter(case=OuterRef("pk"))))
        .prefetch_related(
            Prefetch(
                "listings",
                queryset=Listing.objects.order_by("pk").prefetch_related(
                    Prefetch("decisions", queryset=decisions)
                ),
            )
        )[start : start + PAGE_SIZE + 1]
    )
    return RegisterPage(
        entries=[register_entry(case) for case in cases[:PAGE_SIZE]],
        number=page,
        has_next=len(cases) > PAGE_SIZE,
    )


def _day(value: datetime | None) -> str | None:
    return timezone.localdate(value).isoformat() if value else None


def register_entry(case: Case) -> dict[str, Any]:
    """The redacted entry of one case (fetched by register_page, with what it reads)."""
    right = case.complaint.right
    return {
        "entry": case.pk,
        "right_type": right.right_type,
        "right_type_label": str(right.get_right_type_display()),
        "right_number": right.registration_number,
        "platform": case.platform.name,
        "store": case.store.name or case.store.external_id,
        "listings": [
            {
                "listing": listing.url or listing.listing_ref,
                "measure": (decision := next(iter(reversed(listing.decisions.all())), None))
                and decision.action,
                "measure_label": str(decision.get_action_display()) if decision else None,
                "ground": (decision.reason_label or decision.reason_code) if decision else None,
                "legal_ground": decision.legal_ground if decision else None,
                "status": listing.status,
            }
            for listing in case.listings.all()
        ],
        "counter_notice_filed": bool(getattr(case, "counter_noticed", False)),
        "outcome": case.outcome,
        "outcome_label": str(case.get_outcome_display()),
        "closure": case.closure,
        "closure_label": str(case.get_closure_display()),
        "notified_on": _day(case.complaint.submitted_at),
        "decided_on": _day(case.decided_at),
        "closed_on": _day(case.closed_at),
    }
