"""Reads of the platform console beyond cases: stores and counter-notice evidence, scoped to the user."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q
from django.utils import timezone

from accounts.models import OrgKind, User
from accounts.selectors import organisation_of
from cases.models import CaseOutcome, CounterNoticeEvidence
from cases.selectors import cases_visible_to
from cases.services.penalties import points_window
from platforms.models import PenaltyRecord, Store


@dataclass(frozen=True)
class PenaltyLine:
    """A penalty record as the store page shows it: when its points expire and whether they still count."""

    record: PenaltyRecord
    expires_at: datetime
    counting: bool


def store_history(*, user: User, store_id: int) -> dict:
    """A store on the user's platform with its penalties and cases; Store.DoesNotExist otherwise."""
    org = organisation_of(user)
    if org is None or org.kind != OrgKind.PLATFORM:
        raise Store.DoesNotExist
    store = Store.objects.select_related("platform__organisation").get(
        pk=store_id, platform__organisation=org
    )
    cases = (
        cases_visible_to(user)
        .filter(store=store)
        .select_related("complaint__right", "complaint__filed_by_org")
        .order_by("-created_at", "-pk")
    )
    counts = cases.aggregate(
        upheld=Count("pk", filter=Q(outcome=CaseOutcome.UPHELD)),
        restored=Count("pk", filter=Q(outcome=CaseOutcome.RESTORED)),
    )
    policy = getattr(store.platform, "penalty_policy", None)
    window = points_window(policy)
    now = timezone.now()
    penalties = [
        PenaltyLine(
            record=record, expires_at=record.created_at + window, counting=record.created_at + window > now
        )
        for record in store.penalties.select_related("case").order_by("-created_at", "-pk")
    ]
    return {
        "store": store,
        "points": sum(line.record.points for line in penalties if line.counting),
        "next_expiry": min((line.expires_at for line in penalties if line.counting), default=None),
        "penalties": penalties,
        "cases": list(cases[:200]),
        "counts": counts,
        "policy": policy,
    }


def counter_notice_evidence_get(*, user: User, evidence_id: int) -> CounterNoticeEvidence:
    """Evidence of a counter-notice on a case the user sees; DoesNotExist (a 404) otherwise."""
    return CounterNoticeEvidence.objects.select_related("counter_notice").get(
        pk=evidence_id, counter_notice__case__in=cases_visible_to(user)
    )
