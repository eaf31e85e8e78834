"""Reads of the programmes, scoped to the requesting organisation."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import OuterRef, Subquery

from accounts.models import User
from platforms.models import Platform
from programmes.good_faith import GoodFaithFigures
from programmes.models import GoodFaithMembership, GoodFaithStanding


@dataclass(frozen=True)
class Standing:
    platform: Platform
    figures: GoodFaithFigures
    evaluated_at: datetime
    member_since: datetime | None


def platform_ids_with_programme() -> list[int]:
    return list(Platform.objects.order_by("pk").values_list("pk", flat=True))


def good_faith_standings_for_filer(*, user: User) -> list[Standing]:
    """The filer's figures per platform as last evaluated, and since when it is a member where it is one:
    one query."""
    org = user.organisation
    if org is None:
        return []
    member_since = GoodFaithMembership.objects.filter(
        organisation=OuterRef("organisation"), platform=OuterRef("platform"), left_at=None
    ).values("joined_at")[:1]
    standings = (
        GoodFaithStanding.objects.filter(organisation=org)
        .select_related("platform__organisation")
        .annotate(member_since=Subquery(member_since))
        .order_by("platform__organisation__name")
    )
    return [
        Standing(
            platform=row.platform,
            figures=GoodFaithFigures(row.decided, row.upheld, row.undone),
            evaluated_at=row.evaluated_at,
            member_since=row.member_since,
        )
        for row in standings
    ]
