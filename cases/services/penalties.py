"""Repeat-infringer points: applied once per upheld case, never twice (unique store + case)."""

from datetime import timedelta
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.notifications import notify_organisation
from audit.actors import SYSTEM
from audit.services import audit_record
from cases.models import Case, CaseClosure, CaseOutcome, CaseStatus, HandlingMode
from platforms.models import PenaltyPolicy, PenaltyRecord, Store, StoreStanding

POINTS_WINDOW = timedelta(days=365)

# A case counts against the store once the measures are final: no counter-notice came, the complainant
# took the matter to an office or court, or an administrative decision was executed.
PENALISABLE = Q(outcome=CaseOutcome.UPHELD) & (
    Q(status=CaseStatus.CLOSED, closure__in=[CaseClosure.NO_COUNTER_NOTICE, CaseClosure.FOLLOW_UP_FILED])
    | Q(status=CaseStatus.DECIDED, mode=HandlingMode.ADMINISTRATIVE)
)


def store_points(*, store_id: int, now=None) -> int:
    """The store's penalty points of the last 12 months."""
    since = (now or timezone.now()) - POINTS_WINDOW
    total = PenaltyRecord.objects.filter(store_id=store_id, created_at__gte=since).aggregate(
        total=Sum("points")
    )
    return int(total["total"] or 0)


def cases_awaiting_penalty() -> QuerySet[Case]:
    """Penalisable cases on platforms with an active policy that have no penalty record yet."""
    return (
        Case.objects.filter(PENALISABLE, platform__penalty_policy__is_active=True)
        .exclude(penalties__isnull=False)
        .order_by("pk")
    )


@transaction.atomic
def penalty_apply(*, case_id: int) -> PenaltyRecord | None:
    """Give the store its points for an upheld case and update its standing; None when nothing is due.

    Safe to call any number of times: the record is unique per (store, case), so a second call (or a
    concurrent one) finds it or fails to insert, and changes nothing.
    """
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("complaint", "platform__organisation")
        .get(pk=case_id)
    )
    if not Case.objects.filter(PENALISABLE, pk=case.pk).exists():
        return None
    policy = PenaltyPolicy.objects.filter(platform_id=case.platform_id, is_active=True).first()
    if policy is None or PenaltyRecord.objects.filter(store_id=case.store_id, case=case).exists():
        return None
    store = Store.objects.select_for_update().get(pk=case.store_id)
    infringement = case.complaint.infringement_type
    row = policy.points.filter(infringement_type=infringement).first()
    points = row.points if row else policy.default_points
    total = store_points(store_id=store.pk) + points
    standing = policy.standing_for(total)
    try:
        with transaction.atomic():
            record = PenaltyRecord.objects.create(
                store=store,
                case=case,
                infringement_type=infringement,
                points=points,
                total_after=total,
                standing_after=standing,
            )
    except IntegrityError:
        return None
    before = store.standing
    store.standing = standing
    store.save(update_fields=["standing"])
    audit_record(
        actor=SYSTEM,
        subject=store,
        case_id=case.pk,
        action="penalty_applied",
        from_status=before,
        to_status=standing,
        note=_("%(points)d points for case %(number)s; %(total)d in 12 months.")
        % {"points": points, "number": case.pk, "total": total},
    )
    if standing != before and standing != StoreStanding.GOOD:
        notify_organisation(
            organisation=case.platform.organisation,
            case_id=case.pk,
            url=reverse("platforms:store_detail", args=[store.pk]),
            build=partial(_standing_message, str(store), standing, total),
        )
    return record


def _standing_message(store: str, standing: str, total: int) -> tuple[str, str]:
    return (
        _("Store %(store)s is now: %(standing)s")
        % {"store": store, "standing": StoreStanding(standing).label},
        _("The store has %(total)d penalty points in 12 months. Apply your policy's measure.")
        % {"total": total},
    )


def penalties_apply_due() -> int:
    """Apply every penalty still due (the deadline job's catch-up); returns how many were applied."""
    return sum(
        1
        for case_id in cases_awaiting_penalty().values_list("pk", flat=True)
        if penalty_apply(case_id=case_id)
    )
