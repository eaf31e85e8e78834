from django.db.models import Count, QuerySet

from accounts.models import OrgKind, User
from accounts.selectors import organisation_of
from complaints.models import Complaint, IPRight


def _holder_org(user: User):  # type: ignore[no-untyped-def]
    org = organisation_of(user)
    return org if org and org.kind == OrgKind.RIGHTSHOLDER else None


def right_list_for_holder(*, user: User) -> QuerySet[IPRight]:
    return IPRight.objects.filter(owner_org=_holder_org(user)).order_by("-created_at")


def complaint_list_for_holder(*, user: User) -> QuerySet[Complaint]:
    return (
        Complaint.objects.filter(filed_by_org=_holder_org(user))
        .select_related("right", "platform__organisation")
        .annotate(listing_count=Count("listings", distinct=True), case_count=Count("cases", distinct=True))
        .order_by("-created_at")
    )


def complaint_get_for_holder(*, user: User, complaint_id: int) -> Complaint:
    return (
        Complaint.objects.filter(filed_by_org=_holder_org(user))
        .select_related("right", "platform__organisation")
        .prefetch_related("evidence")
        .get(pk=complaint_id)
    )
