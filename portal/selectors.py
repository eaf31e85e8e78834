from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from accounts.models import OrgKind, User
from accounts.selectors import organisation_of
from cases.models import Case
from cases.selectors import cases_visible_to
from complaints.models import BulkUpload, Complaint, EvidenceFile, IPRight, Listing
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
    return Listing.objects.filter(complaint=complaint).order_by("pk")


def platform_choices() -> QuerySet[Platform]:
    """Every platform a complaint can be filed against."""
    return Platform.objects.select_related("organisation").order_by("organisation__name")


def evidence_get_for_user(*, user: User, evidence_id: int) -> EvidenceFile:
    """An evidence file the user may read; EvidenceFile.DoesNotExist (a 404) for anyone else.

    The complainant's organisation reads its own evidence, drafts included; a platform or an office
    reads the evidence of a complaint when it can see one of the complaint's cases.
    """
    org = organisation_of(user)
    if org is None:
        raise EvidenceFile.DoesNotExist
    case_seen = Exists(cases_visible_to(user).filter(complaint=OuterRef("complaint")))
    return EvidenceFile.objects.filter(Q(complaint__filed_by_org=org) | case_seen).get(pk=evidence_id)


def bulk_upload_list_for_holder(*, user: User):
    return (
        BulkUpload.objects.filter(complaint__filed_by_org=_holder_org(user))
        .select_related("complaint")  # whether a failed upload may be retried depends on its complaint
        .order_by("-created_at", "-pk")
    )


def bulk_upload_get_for_holder(*, user: User, upload_id: int):
    """A bulk upload of the user's organisation; BulkUpload.DoesNotExist (a 404) for anyone else."""
    return bulk_upload_list_for_holder(user=user).get(pk=upload_id)
