from dataclasses import dataclass
from datetime import timedelta

from django.db import models
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import OrgKind, User
from accounts.selectors import organisation_of
from cases.models import Case, CaseOutcome, CaseStatus
from cases.selectors import cases_visible_to, cases_with_proof_for
from complaints.models import (
    Authorisation,
    BulkUpload,
    Complaint,
    ComplaintStatus,
    EvidenceFile,
    IPRight,
    Listing,
    ListingStatus,
)
from platforms.models import Platform


def _holder_org(user: User):
    org = organisation_of(user)
    return org if org and org.kind == OrgKind.RIGHTSHOLDER else None


def _count_of(queryset: QuerySet) -> Coalesce:
    """A correlated COUNT subquery: counting two relations with joins would multiply their rows."""
    counted = queryset.order_by().values("complaint").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def right_list_for_holder(*, user: User) -> QuerySet[IPRight]:
    return IPRight.objects.filter(owner_org=_holder_org(user)).order_by("-created_at")


def complaint_list_for_holder(*, user: User) -> QuerySet[Complaint]:
    return (
        Complaint.objects.filter(filed_by_org=_holder_org(user))
        .select_related("right", "platform__organisation")
        .annotate(
            listing_count=_count_of(Listing.objects.filter(complaint=OuterRef("pk"))),
            case_count=_count_of(Case.objects.filter(complaint=OuterRef("pk"))),
        )
        .order_by("-created_at", "-pk")
    )


def complaint_get_for_holder(*, user: User, complaint_id: int) -> Complaint:
    return (
        Complaint.objects.filter(filed_by_org=_holder_org(user))
        .select_related("right", "platform__organisation")
        .prefetch_related("evidence")
        .get(pk=complaint_id)
    )


def complaint_listings(*, complaint: Complaint) -> QuerySet[Listing]:
    """The listings of a complaint already fetched through a scoped selector."""
    return Listing.objects.filter(complaint=complaint).select_related("store_region").order_by("pk")


def platform_choices() -> QuerySet[Platform]:
    """Every platform a complaint can be filed against."""
    return Platform.objects.select_related("organisation").order_by("organisation__name")


def evidence_get_for_user(*, user: User, evidence_id: int) -> EvidenceFile:
    """An evidence file the user may read; EvidenceFile.DoesNotExist (a 404) for anyone else.

    The complainant's organisation reads its own evidence, drafts included; a platform or an office
    reads the evidence of a complaint when it can see one of the complaint's cases (an office also when
    another office asks it about one: cases_with_proof_for).
    """
    org = organisation_of(user)
    if org is None:
        raise EvidenceFile.DoesNotExist
    case_seen = Exists(cases_with_proof_for(user).filter(complaint=OuterRef("complaint")))
    return EvidenceFile.objects.filter(Q(complaint__filed_by_org=org) | case_seen).get(pk=evidence_id)


def right_get_for_user(*, user: User, right_id: int) -> IPRight:
    """A right whose certificate and evaluation report the user may read; IPRight.DoesNotExist otherwise:
    operators (they verify rights), the holder, and a platform or an office seeing a case relying on it."""
    return _proof_for_user(
        user, IPRight.objects.all(), owner="owner_org", via_case="complaint__right", pk=right_id
    )


def authorisation_get_for_user(*, user: User, authorisation_id: int) -> Authorisation:
    """A letter of authorisation the user may read: operators, the agency that registered it, and a
    platform or an office that sees a case filed under it; Authorisation.DoesNotExist otherwise."""
    return _proof_for_user(
        user,
        Authorisation.objects.all(),
        owner="agency",
        via_case="complaint__authorisation",
        pk=authorisation_id,
    )


def _proof_for_user[M: models.Model](
    user: User, objects: QuerySet[M], *, owner: str, via_case: str, pk: int
) -> M:
    if user.is_staff:
        return objects.get(pk=pk)
    org = organisation_of(user)
    if org is None:
        raise objects.model.DoesNotExist  # type: ignore[attr-defined]  # every concrete model has it
    case_seen = Exists(cases_with_proof_for(user).filter(**{via_case: OuterRef("pk")}))
    return objects.filter(Q(**{owner: org}) | case_seen).get(pk=pk)


def bulk_upload_list_for_holder(*, user: User):
    return (
        BulkUpload.objects.filter(complaint__filed_by_org=_holder_org(user))
        .select_related("complaint")  # whether a failed upload may be retried depends on its complaint
        .order_by("-created_at", "-pk")
    )


def bulk_upload_get_for_holder(*, user: User, upload_id: int):
    """A bulk upload of the user's organisation; BulkUpload.DoesNotExist (a 404) for anyone else."""
    return bulk_upload_list_for_holder(user=user).get(pk=upload_id)


def complaint_store_refs(*, complaint: Complaint) -> list[str]:
    """The store ids a draft's listings name, for removing a store's listings at once."""
    return list(complaint.listings.order_by("store_ref").values_list("store_ref", flat=True).distinct())


@dataclass(frozen=True)
class HolderFigures:
    """What became of the organisation's cases opened in the last `days` days."""

    days: int
    by_status: list[tuple[str, int]]
    by_outcome: list[tuple[str, int]]
    listings_decided: int
    listings_taken_down: int

    @property
    def takedown_rate(self) -> float | None:
        """Of the listings decided, the share taken down and still down (restored ones count as not)."""
        return self.listings_taken_down / self.listings_decided if self.listings_decided else None


def holder_figures(*, user: User, days: int) -> HolderFigures:
    cases = cases_visible_to(user).filter(created_at__gte=timezone.now() - timedelta(days=days))
    statuses = dict(CaseStatus.choices)
    outcomes = dict(CaseOutcome.choices)
    by_status = cases.order_by().values_list("status").annotate(n=Count("pk"))
    by_outcome = cases.exclude(outcome="").order_by().values_list("outcome").annotate(n=Count("pk"))
    listings = dict(
        Listing.objects.filter(case__in=cases.values("pk"))
        .exclude(status=ListingStatus.PENDING)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return HolderFigures(
        days=days,
        by_status=sorted(((str(statuses[value]), n) for value, n in by_status), key=lambda row: -row[1]),
        by_outcome=sorted(((str(outcomes[value]), n) for value, n in by_outcome), key=lambda row: -row[1]),
        listings_decided=sum(listings.values()),
        listings_taken_down=listings.get(ListingStatus.TAKEN_DOWN, 0),
    )


def complaints_overlapping(*, complaint: Complaint, limit: int = 5) -> list[int]:
    """Other open complaints of the organisation on the same right and platform that already name one of
    this complaint's listings (same listing URL or id, same store): the filer is warned and told which."""
    same_listing = Listing.objects.filter(
        complaint=complaint,
        url=OuterRef("url"),
        listing_ref=OuterRef("listing_ref"),
        store_ref=OuterRef("store_ref"),
    )
    return list(
        Listing.objects.filter(
            complaint__filed_by_org_id=complaint.filed_by_org_id,
            complaint__right_id=complaint.right_id,
            complaint__platform_id=complaint.platform_id,
            complaint__status=ComplaintStatus.SUBMITTED,
        )
        .exclude(complaint=complaint)
        .filter(Exists(same_listing))
        .order_by("complaint_id")
        .values_list("complaint_id", flat=True)
        .distinct()[:limit]
    )


# A complaint identical to one the same person submitted this recently is taken to be that one sent again
# (Back and Submit on a page the browser reloaded, which carries a new form token).
RESUBMISSION_WINDOW = timedelta(minutes=10)


def complaint_just_filed(*, user: User, fields: dict) -> Complaint | None:
    """The complaint `user` submitted within RESUBMISSION_WINDOW with the same right, platform, type,
    description and listings as `fields` (the complaint form's cleaned data), if there is one."""
    listed = {(item.url, item.listing_ref, item.store_ref) for item in fields["listings"]}
    candidates = Complaint.objects.filter(
        filed_by=user,
        status=ComplaintStatus.SUBMITTED,
        submitted_at__gte=timezone.now() - RESUBMISSION_WINDOW,
        right=fields["right"],
        platform=fields["platform"],
        infringement_type=fields["infringement_type"],
        description=fields["description"],
    ).order_by("-submitted_at")
    for candidate in candidates:
        if set(candidate.listings.values_list("url", "listing_ref", "store_ref")) == listed:
            return candidate
    return None
