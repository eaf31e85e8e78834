"""Repeat-infringer points: applied once per upheld case, never twice (unique store + case)."""

from datetime import datetime, timedelta
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import (
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.notifications import notify_organisation
from audit.actors import SYSTEM
from audit.services import audit_record
from cases.models import Case, CaseClosure, CaseOutcome, CaseStatus, HandlingMode
from platforms.models import PenaltyPolicy, PenaltyRecord, Store, StoreStanding

# A case counts against the store once the measures are final: no counter-notice came, the complainant
# took the matter to an office or court, or an administrative decision was executed.
PENALISABLE = Q(outcome=CaseOutcome.UPHELD) & (
    Q(status=CaseStatus.CLOSED, closure__in=[CaseClosure.NO_COUNTER_NOTICE, CaseClosure.FOLLOW_UP_FILED])
    | Q(status=CaseStatus.DECIDED, mode=HandlingMode.ADMINISTRATIVE)
)


def points_window(policy: PenaltyPolicy | None) -> timedelta:
    """How long a point counts: the platform policy's window, or the default window when it has none."""
    days = (
        policy.points_window_days if policy else PenaltyPolicy._meta.get_field("points_window_days").default
    )
    return timedelta(days=days)


def store_points(*, store_id: int, now: datetime | None = None) -> int:
    """The store's penalty points still counting at `now` (default: the current time), over its
    platform policy's window."""
    policy = PenaltyPolicy.objects.filter(platform__stores=store_id).first()
    since = (now or timezone.now()) - points_window(policy)
    total = PenaltyRecord.objects.filter(store_id=store_id, created_at__gt=since).aggregate(
        total=Sum("points")
    )
    return int(total["total"] or 0)


def cases_awaiting_penalty(*, mode: str | None = None) -> QuerySet[Case]:
    """The cases (of one handling mode, or all) whose measures became final and whose penalty is not yet
    applied nor found not due: the rows of the partial index `case_penalty_due`, never the closed history."""
    cases = Case.objects.filter(penalty_due=True)
    return (cases.filter(mode=mode) if mode else cases).order_by("pk")


def stores_points(*, store_ids: set[int]) -> dict[int, int]:
    """store_points for many stores at once, by store id (absent: none), in one grouped query: each
    record counted over its store's platform policy's window (the default window without a policy)."""
    default_days = PenaltyPolicy._meta.get_field("points_window_days").default
    window = ExpressionWrapper(
        Coalesce(F("store__platform__penalty_policy__points_window_days"), default_days)
        * Value(timedelta(days=1)),
        output_field=DurationField(),
    )
    since = ExpressionWrapper(Value(timezone.now()) - window, output_field=DateTimeField())
    return dict(
        PenaltyRecord.objects.filter(store_id__in=store_ids)
        .alias(since=since)
        .filter(created_at__gt=F("since"))
        .order_by()
        .values("store_id")
        .annotate(total=Sum("points"))
        .values_list("store_id", "total")
    )


@transaction.atomic
def penalty_apply(*, case_id: int) -> PenaltyRecord | None:
    """Give the store its points for an upheld case and update its standing; None when nothing is due.
    Clears the case's penalty marker either way: a policy counts the cases whose measures become final
    while it is active.

    Safe to call any number of times: the record is unique per (store, case), so a second call (or a
    concurrent one) finds it or fails to insert, and changes nothing.
    """
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("complaint", "platform__organisation")
        .get(pk=case_id)
    )
    if case.penalty_due:
        # Whatever follows, nothing more is due: applied now, already applied, or no policy to apply.
        Case.objects.filter(pk=case.pk).update(penalty_due=False)
        case.penalty_due = False
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
    before = _standing_set(
        store,
        standing,
        action="penalty_applied",
        case_id=case.pk,
        note=_("%(points)d points for case %(number)s; %(total)d in %(days)d days.")
        % {"points": points, "number": case.pk, "total": total, "days": policy.points_window_days},
    )
    if standing != before and standing != StoreStanding.GOOD:
        notify_organisation(
            organisation=case.platform.organisation,
            case_id=case.pk,
            url=reverse("platforms:store_detail", args=[store.pk]),
            build=partial(_standing_message, str(store), standing, total, policy.points_window_days),
        )
    return record


def _standing_set(store: Store, standing: str, *, action: str, note: str, case_id: int | None = None) -> str:
    """Give the locked store its new standing, audited as done by the system; returns the one before."""
    before = store.standing
    store.standing = standing
    store.save(update_fields=["standing"])
    audit_record(
        actor=SYSTEM,
        subject=store,
        case_id=case_id,
        action=action,
        from_status=before,
        to_status=standing,
        note=note,
    )
    return before


def _standing_message(store: str, standing: str, total: int, days: int) -> tuple[str, str]:
    return (
        _("Store %(store)s is now: %(standing)s")
        % {"store": store, "standing": StoreStanding(standing).label},
        _("The store has %(total)d penalty points in %(days)d days. Apply your policy's measure.")
        % {"total": total, "days": days},
    )


@transaction.atomic
def store_standing_recompute(*, store_id: int, now: datetime | None = None) -> bool:
    """Set the store's standing from the points still counting at `now`; True when it changed.

    Points only leave by expiring, so this is how a store recovers: the periodic job runs it for every
    store not in good standing. Idempotent: a second run finds the standing already right.
    """
    # The store locked, not its platform and organisation, which every filing references.
    store = (
        Store.objects.select_for_update(of=("self",))
        .select_related("platform__organisation")
        .get(pk=store_id)
    )
    policy = PenaltyPolicy.objects.filter(platform_id=store.platform_id, is_active=True).first()
    if policy is None:
        return False
    total = store_points(store_id=store.pk, now=now)
    standing = policy.standing_for(total)
    if standing == store.standing:
        return False
    _standing_set(
        store,
        standing,
        action="standing_recomputed",
        note=_("Points expired: %(total)d points in the last %(days)d days.")
        % {"total": total, "days": policy.points_window_days},
    )
    notify_organisation(
        organisation=store.platform.organisation,
        case_id=None,
        url=reverse("platforms:store_detail", args=[store.pk]),
        build=partial(_recovered_message, str(store), standing, total, policy.points_window_days),
    )
    return True


def _recovered_message(store: str, standing: str, total: int, days: int) -> tuple[str, str]:
    return (
        _("Store %(store)s is now: %(standing)s")
        % {"store": store, "standing": StoreStanding(standing).label},
        _(
            "Penalty points of the store expired: it has %(total)d in %(days)d days. Lift any measure your "
            "policy no longer calls for."
        )
        % {"total": total, "days": days},
    )


def store_standings_recompute(*, now: datetime | None = None) -> int:
    """The periodic job: recompute every store not in good standing on a platform with an active policy;
    returns how many changed."""
    stores = (
        Store.objects.exclude(standing=StoreStanding.GOOD)
        .filter(platform__penalty_policy__is_active=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return sum(store_standing_recompute(store_id=store_id, now=now) for store_id in stores)


def penalties_apply_due() -> int:
    """Apply every penalty still due (the deadline job's catch-up); returns how many were applied."""
    return sum(
        1
        for case_id in cases_awaiting_penalty().values_list("pk", flat=True)
        if penalty_apply(case_id=case_id)
    )
