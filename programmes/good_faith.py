"""The good-faith programme: figures per filer and platform over the policy's rolling window, and the
automatic entries and exits they cause.

Figures count listings of the filer's cases decided within the window: `decided` those with a decision,
`upheld` those on which measures were taken (standing or later lifted), `undone` those whose measures were
lifted and the listings restored.
"""

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from functools import partial

from django.db import transaction
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation
from accounts.notifications import notify_organisation
from audit.actors import SYSTEM
from audit.services import audit_record
from cases.models import OPEN_STATUSES, Case
from complaints.models import Listing, ListingStatus
from platforms.models import Platform
from programmes.models import GoodFaithMembership, GoodFaithStanding, ProgrammePolicy


@dataclass(frozen=True)
class GoodFaithFigures:
    decided: int = 0
    upheld: int = 0
    undone: int = 0

    @property
    def upheld_share(self) -> float:
        return self.upheld / self.decided if self.decided else 0.0

    @property
    def undone_share(self) -> float:
        return self.undone / self.upheld if self.upheld else 0.0

    def shortfalls(self, policy: ProgrammePolicy) -> list[str]:
        """What keeps these figures out of the programme, in words the filer reads; empty when they qualify."""
        reasons = []
        if self.decided < policy.min_listings:
            reasons.append(
                _("%(n)d listings decided in the window, fewer than the %(min)d required.")
                % {"n": self.decided, "min": policy.min_listings}
            )
        if self.upheld_share < float(policy.min_upheld_share):
            reasons.append(
                _("%(share).1f%% of listings upheld, below the %(min).1f%% required.")
                % {"share": 100 * self.upheld_share, "min": 100 * policy.min_upheld_share}
            )
        if self.undone_share > float(policy.max_undone_share):
            reasons.append(
                _("%(share).1f%% of measures undone by counter-notices, above the %(max).1f%% allowed.")
                % {"share": 100 * self.undone_share, "max": 100 * policy.max_undone_share}
            )
        return reasons

    def summary(self) -> str:
        return _(
            "%(decided)d listings decided, %(upheld_share).1f%% upheld, %(undone_share).1f%% of measures undone."
        ) % {
            "decided": self.decided,
            "upheld_share": 100 * self.upheld_share,
            "undone_share": 100 * self.undone_share,
        }


def policy_for(*, platform_id: int) -> ProgrammePolicy:
    """The platform's policy; a platform added after the defaults were written gets them now."""
    policy, _created = ProgrammePolicy.objects.select_related("platform__organisation").get_or_create(
        platform_id=platform_id
    )
    return policy


def good_faith_figures(*, platform_id: int, since: datetime) -> dict[int, GoodFaithFigures]:
    """Every filer's figures on the platform for cases decided since `since`: one grouped query."""
    rows = (
        Listing.objects.filter(case__platform_id=platform_id, case__decided_at__gte=since)
        .exclude(status=ListingStatus.PENDING)
        .values("complaint__filed_by_org_id")
        .annotate(
            decided=Count("pk"),
            upheld=Count("pk", filter=Q(status__in=[ListingStatus.TAKEN_DOWN, ListingStatus.RESTORED])),
            undone=Count("pk", filter=Q(status=ListingStatus.RESTORED)),
        )
        .order_by()
    )
    return {
        row["complaint__filed_by_org_id"]: GoodFaithFigures(row["decided"], row["upheld"], row["undone"])
        for row in rows
    }


def good_faith_evaluate(*, platform_id: int) -> tuple[int, int]:
    """Bring the platform's programme in line with the figures now: filers that qualify (and are past the
    waiting period since they last left) join, members that no longer qualify leave. Returns (joined, left).

    Running it twice changes nothing the second time: entries and exits are decided from the stored stays.
    """
    policy = policy_for(platform_id=platform_id)
    now = timezone.now()
    figures = good_faith_figures(platform_id=platform_id, since=now - timedelta(days=policy.window_days))
    _standings_store(platform_id=platform_id, figures=figures, now=now)
    stays = GoodFaithMembership.objects.filter(platform_id=platform_id)
    members = set(stays.filter(left_at=None).values_list("organisation_id", flat=True))
    last_left = dict(
        stays.exclude(left_at=None)
        .values("organisation_id")
        .annotate(last=Max("left_at"))
        .values_list("organisation_id", "last")
    )
    waiting = timedelta(days=policy.waiting_days)
    joined = left = 0
    for organisation_id, figure in figures.items():
        waited = organisation_id not in last_left or last_left[organisation_id] + waiting <= now
        if organisation_id not in members and waited and not figure.shortfalls(policy):
            good_faith_enter(policy=policy, organisation_id=organisation_id, figures=figure)
            joined += 1
    for organisation_id in members:
        figure = figures.get(organisation_id, GoodFaithFigures())
        if figure.shortfalls(policy):
            good_faith_leave(policy=policy, organisation_id=organisation_id, figures=figure)
            left += 1
    return joined, left


def _standings_store(*, platform_id: int, figures: dict[int, GoodFaithFigures], now: datetime) -> None:
    """Keep the figures each filer's portal shows; a filer with nothing decided in the window shows zeros."""
    GoodFaithStanding.objects.filter(platform_id=platform_id).exclude(organisation_id__in=figures).update(
        decided=0, upheld=0, undone=0, evaluated_at=now
    )
    GoodFaithStanding.objects.bulk_create(
        [
            GoodFaithStanding(
                organisation_id=organisation_id, platform_id=platform_id, evaluated_at=now, **asdict(figure)
            )
            for organisation_id, figure in figures.items()
        ],
        update_conflicts=True,
        unique_fields=["organisation", "platform"],
        update_fields=["decided", "upheld", "undone", "evaluated_at"],
    )


@transaction.atomic
def good_faith_enter(
    *, policy: ProgrammePolicy, organisation_id: int, figures: GoodFaithFigures
) -> GoodFaithMembership:
    """Open a stay, flag the filer's open cases on the platform, audit with the figures, tell the filer."""
    stay = GoodFaithMembership.objects.create(
        organisation_id=organisation_id,
        platform=policy.platform,
        joined_at=timezone.now(),
        entry_figures=asdict(figures),
    )
    _open_cases(policy.platform_id, organisation_id).update(priority=True)
    audit_record(actor=SYSTEM, subject=stay, action="good_faith_entered", note=figures.summary())
    notify_organisation(
        organisation=Organisation.objects.get(pk=organisation_id),
        build=partial(_entered_message, policy.platform, figures),
    )
    return stay


@transaction.atomic
def good_faith_leave(
    *, policy: ProgrammePolicy, organisation_id: int, figures: GoodFaithFigures
) -> GoodFaithMembership:
    """Close the open stay, clear the priority of the filer's open cases, audit and tell it why."""
    stay = GoodFaithMembership.objects.select_for_update().get(
        organisation_id=organisation_id, platform_id=policy.platform_id, left_at=None
    )
    stay.left_at = timezone.now()
    stay.exit_figures = asdict(figures)
    stay.save(update_fields=["left_at", "exit_figures"])
    _open_cases(policy.platform_id, organisation_id).update(priority=False)
    reasons = " ".join(figures.shortfalls(policy))
    audit_record(actor=SYSTEM, subject=stay, action="good_faith_left", note=f"{figures.summary()} {reasons}")
    notify_organisation(
        organisation=Organisation.objects.get(pk=organisation_id),
        build=partial(_left_message, policy, figures),
    )
    return stay


def case_priority_mark(*, case: Case) -> None:
    """A case of a member filer carries the priority flag (called when the case is routed, inside the
    routing's transaction). The instance is marked too: a later save of it must not clear the flag."""
    member = GoodFaithMembership.objects.filter(
        organisation_id=case.complaint.filed_by_org_id, platform_id=case.platform_id, left_at=None
    )
    if not case.priority and member.exists():
        case.priority = True
        Case.objects.filter(pk=case.pk).update(priority=True)


def cases_priority_mark(*, cases: list[Case]) -> None:
    """case_priority_mark for many routed cases: the filers' memberships read in one query, the flag set
    in one UPDATE."""
    members = set(
        GoodFaithMembership.objects.filter(
            organisation_id__in={case.complaint.filed_by_org_id for case in cases},
            platform_id__in={case.platform_id for case in cases},
            left_at=None,
        ).values_list("organisation_id", "platform_id")
    )
    marked = [
        case
        for case in cases
        if not case.priority and (case.complaint.filed_by_org_id, case.platform_id) in members
    ]
    for case in marked:
        case.priority = True
    if marked:
        Case.objects.filter(pk__in=[case.pk for case in marked]).update(priority=True)


def _open_cases(platform_id: int, organisation_id: int) -> QuerySet[Case]:
    return Case.objects.filter(
        platform_id=platform_id, complaint__filed_by_org_id=organisation_id, status__in=OPEN_STATUSES
    )


def _entered_message(platform: Platform, figures: GoodFaithFigures) -> tuple[str, str]:
    return (
        _("You joined the good-faith programme on %(platform)s") % {"platform": platform},
        _("Your notices were accurate: %(figures)s Your cases now come first in the platform's queue.")
        % {"figures": figures.summary()},
    )


def _left_message(policy: ProgrammePolicy, figures: GoodFaithFigures) -> tuple[str, str]:
    return (
        _("You left the good-faith programme on %(platform)s") % {"platform": policy.platform},
        _("%(figures)s %(reasons)s You can join again after %(days)d days if your figures qualify.")
        % {
            "figures": figures.summary(),
            "reasons": " ".join(figures.shortfalls(policy)),
            "days": policy.waiting_days,
        },
    )
