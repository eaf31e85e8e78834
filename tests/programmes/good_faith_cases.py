"""Decided cases of a filer on a platform, with listings in the given final states."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import Organisation
from cases.models import Case, CaseOutcome, CaseStatus, HandlingMode
from complaints.models import ListingStatus
from platforms.models import Platform
from tests.factories import CaseFactory, IPRightFactory


def decided_case(
    *,
    filer: Organisation,
    platform: Platform,
    upheld: int = 0,
    rejected: int = 0,
    restored: int = 0,
    days_ago: int = 1,
) -> Case:
    case = CaseFactory(
        complaint__right=IPRightFactory(owner_org=filer),
        complaint__platform=platform,
        status=CaseStatus.CLOSED,
        mode=HandlingMode.PLATFORM,
        outcome=CaseOutcome.UPHELD if upheld + restored else CaseOutcome.NOT_UPHELD,
        decided_at=timezone.now() - timedelta(days=days_ago),
        listings=upheld + rejected + restored,
    )
    listing_ids = list(case.listings.order_by("pk").values_list("pk", flat=True))
    states = (
        [ListingStatus.TAKEN_DOWN] * upheld
        + [ListingStatus.REJECTED] * rejected
        + [ListingStatus.RESTORED] * restored
    )
    for listing_id, state in zip(listing_ids, states, strict=True):
        case.listings.filter(pk=listing_id).update(status=state)
    return case


def open_case(*, filer: Organisation, platform: Platform, deadline_in_days: int = 3) -> Case:
    return CaseFactory(
        complaint__right=IPRightFactory(owner_org=filer),
        complaint__platform=platform,
        status=CaseStatus.AWAITING_PLATFORM,
        mode=HandlingMode.PLATFORM,
        deadline=timezone.localdate() + timedelta(days=deadline_in_days),
    )
