"""Builders shared by the platform console tests."""

from datetime import date

from cases.models import Case, CaseStatus, HandlingMode
from platforms.models import Platform
from tests.factories import CaseFactory


def case_on(
    platform: Platform,
    *,
    status: str = CaseStatus.AWAITING_PLATFORM,
    mode: str = HandlingMode.PLATFORM,
    listings: int = 1,
    deadline: date | None = None,
) -> Case:
    """A routed case on `platform` whose complaint was filed against the same platform."""
    extra = {"deadline": deadline} if deadline is not None else {}
    return CaseFactory(complaint__platform=platform, status=status, mode=mode, listings=listings, **extra)
