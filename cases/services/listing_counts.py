"""The number of listings stored on each case, so that no list page counts listings per row."""

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from cases.models import Case
from complaints.models import Listing


def cases_listing_count_store(*, complaint_id: int) -> None:
    """Store on each case of the complaint how many listings it holds, in one statement.

    Called once the split has given every listing its case: a submitted complaint's listings never change
    afterwards, so the number stays true.
    """
    per_case = (
        Listing.objects.filter(case=OuterRef("pk"))
        .order_by()
        .values("case")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Case.objects.filter(complaint_id=complaint_id).update(
        listing_count=Coalesce(Subquery(per_case, output_field=IntegerField()), 0)
    )
