"""Bad-faith controls after DSA art. 23: a filer whose notices are manifestly unfounded is warned, then
suspended for a stated period; each step records its factors and evidence cases, is shown to the filer with
its reasons, and can be contested once, decided by a person.

A platform's figures count only its own cases; the supervising authority reads them across platforms.
Unfounded notices are the decided cases rejected or restored after a counter-notice (cases.services.bad_faith).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import FilingSuspension, Organisation, OrgKind, Role, User
from accounts.notifications import notify_organisation
from audit.services import audit_record
from cases.models import Case
from cases.services._scope import supervised_regions
from cases.services.bad_faith import COUNTER_NOTICED, RECORD_COUNTS, REJECTED, filing_suspend
from programmes.good_faith import policy_for
from programmes.models import BadFaithStep, BadFaithStepKind, ContestOutcome, FilerRecordNow

EVIDENCE_CASES_SHOWN = 20
UNFOUNDED = REJECTED | COUNTER_NOTICED


@dataclass(frozen=True)
class Factors:
    organisation: Organisation
    decided: int
    unfounded: int
    evidence_case_ids: list[int]

    @property
    def unfounded_share(self) -> float:
        return self.unfounded / self.decided if self.decided else 0.0


def _platform_of(actor: User) -> int:
    org = actor.organisation
    if org is None or org.kind != OrgKind.PLATFORM:
        raise ValidationError(_("Only platform staff decide on bad-faith steps."), code="forbidden")
    return org.platform.pk


def bad_faith_suggestions(*, actor: User) -> list[Factors]:
    """Filers at or past the platform's thresholds, most unfounded notices first: one grouped query."""
    platform_id = _platform_of(actor)
    policy = policy_for(platform_id=platform_id)
    # The counts come from RECORD_COUNTS, so the rows' keys are known to the reader, not to mypy.
    rows = cast(
        Iterable[dict[str, int]],
        Case.objects.filter(platform_id=platform_id)
        .exclude(outcome="")
        .values("complaint__filed_by_org_id")
        .annotate(**RECORD_COUNTS)
        .annotate(unfounded=F("rejected") + F("counter_noticed"))
        .filter(unfounded__gte=policy.suggest_min_unfounded)
        .order_by("-unfounded"),
    )
    share = float(policy.suggest_min_unfounded_share)
    chosen = [row for row in rows if row["unfounded"] / row["decided"] >= share]
    names = Organisation.objects.in_bulk([row["complaint__filed_by_org_id"] for row in chosen])
    return [
        Factors(names[row["complaint__filed_by_org_id"]], row["decided"], row["unfounded"], [])
        for row in chosen
    ]


def bad_faith_factors(*, actor: User, organisation_id: int) -> Factors:
    """A filer's factors on the actor's platform, with its latest unfounded cases as evidence.
    A filer with no decided case there is unknown to the platform (Organisation.DoesNotExist)."""
    platform_id = _platform_of(actor)
    cases = Case.objects.filter(platform_id=platform_id, complaint__filed_by_org_id=organisation_id).exclude(
        outcome=""
    )
    counts = cases.aggregate(**RECORD_COUNTS)
    if not counts["decided"]:
        raise Organisation.DoesNotExist
    evidence = list(cases.filter(UNFOUNDED).order_by("-decided_at", "-pk").values_list("pk", flat=True))
    return Factors(
        Organisation.objects.get(pk=organisation_id, kind=OrgKind.RIGHTSHOLDER),
        counts["decided"],
        counts["rejected"] + counts["counter_noticed"],
        evidence[:EVIDENCE_CASES_SHOWN],
    )


def _standing_warning(organisation_id: int, platform_id: int) -> BadFaithStep | None:
    return (
        BadFaithStep.objects.filter(organisation_id=organisation_id, platform_id=platform_id)
        .exclude(contest_outcome=ContestOutcome.OVERTURNED)
        .filter(kind=BadFaithStepKind.WARNING)
        .order_by("-created_at")
        .first()
    )


@transaction.atomic
def bad_faith_step_record(
    *,
    actor: User,
    organisation_id: int,
    kind: str,
    gravity: str,
    intent: str,
    reasons: str,
    evidence_case_ids: list[int],
    days: int | None = None,
) -> BadFaithStep:
    """Record a warning, or a suspension (which needs a standing warning and goes through filing_suspend),
    with the factors counted now; tell the filer its reasons."""
    factors = bad_faith_factors(actor=actor, organisation_id=organisation_id)
    platform_id = _platform_of(actor)
    if not reasons.strip():
        raise ValidationError({"reasons": _("State the reasons; the filer is told them.")})
    evidence = set(evidence_case_ids) & set(factors.evidence_case_ids)
    if not evidence:
        raise ValidationError({"evidence_cases": _("Choose at least one unfounded case as evidence.")})
    suspension: FilingSuspension | None = None
    if kind == BadFaithStepKind.SUSPENSION:
        if _standing_warning(organisation_id, platform_id) is None:
            raise ValidationError({"kind": _("A filer is warned before its filing is suspended.")})
        if days is None:
            raise ValidationError({"days": _("State for how many days filing is suspended.")})
        suspension = filing_suspend(actor=actor, organisation_id=organisation_id, days=days, reason=reasons)
    step = BadFaithStep.objects.create(
        organisation=factors.organisation,
        platform_id=platform_id,
        kind=kind,
        unfounded=factors.unfounded,
        decided=factors.decided,
        gravity=gravity,
        intent=intent.strip(),
        reasons=reasons.strip(),
        suspension=suspension,
        decided_by=actor,
    )
    step.evidence_cases.set(sorted(evidence))
    audit_record(actor=actor, subject=step, action=f"bad_faith_{kind}", note=_factors_note(step))
    if kind == BadFaithStepKind.WARNING:  # a suspension's notice is sent by filing_suspend
        notify_organisation(organisation=factors.organisation, build=partial(_warned_message, step))
    return step


@transaction.atomic
def bad_faith_contest(*, actor: User, step_id: int, text: str) -> BadFaithStep:
    """The filer contests a step, once."""
    step = BadFaithStep.objects.select_for_update().get(pk=step_id, organisation=actor.organisation)
    if step.contested_at is not None:
        raise ValidationError(_("This step has already been contested."), code="conflict")
    if not text.strip():
        raise ValidationError({"text": _("Say why the step is wrong.")})
    step.contest = text.strip()
    step.contested_at = timezone.now()
    step.save(update_fields=["contest", "contested_at"])
    audit_record(actor=actor, subject=step, action="bad_faith_contested", note=step.contest)
    return step


@transaction.atomic
def bad_faith_contest_decide(*, actor: User, step_id: int, outcome: str, reason: str) -> BadFaithStep:
    """A manager of the step's platform confirms or overturns a contested step; an overturned suspension
    ends now. The filer is told."""
    platform_id = _platform_of(actor)
    if actor.membership.role != Role.MANAGER:
        raise ValidationError(_("A manager decides contests."), code="forbidden")
    step = BadFaithStep.objects.select_for_update().get(pk=step_id, platform_id=platform_id)
    if step.contested_at is None or step.contest_outcome:
        raise ValidationError(_("There is no open contest on this step."), code="conflict")
    if outcome not in ContestOutcome.values:
        raise ValidationError({"outcome": _("Confirm or overturn the step.")})
    if not reason.strip():
        raise ValidationError({"reason": _("State the reason; the filer is told it.")})
    step.contest_outcome = outcome
    step.contest_reason = reason.strip()
    step.contest_decided_by = actor
    step.contest_decided_at = timezone.now()
    step.save(update_fields=["contest_outcome", "contest_reason", "contest_decided_by", "contest_decided_at"])
    if outcome == ContestOutcome.OVERTURNED and step.suspension_id:
        FilingSuspension.objects.filter(pk=step.suspension_id, until__gt=step.contest_decided_at).update(
            until=step.contest_decided_at
        )
    audit_record(actor=actor, subject=step, action=f"bad_faith_contest_{outcome}", note=step.contest_reason)
    notify_organisation(organisation=step.organisation, build=partial(_contest_decided_message, step))
    return step


def bad_faith_step_for_platform(*, actor: User, pk: int) -> BadFaithStep:
    return BadFaithStep.objects.get(pk=pk, platform_id=_platform_of(actor))


def bad_faith_step_for_filer(*, user: User, pk: int) -> BadFaithStep:
    return BadFaithStep.objects.get(pk=pk, organisation=user.organisation)


def bad_faith_steps_for_filer(*, user: User) -> list[BadFaithStep]:
    return list(
        BadFaithStep.objects.filter(organisation=user.organisation)
        .select_related("platform__organisation", "suspension")
        .order_by("-created_at")
    )


def bad_faith_steps_for_platform(*, actor: User) -> list[BadFaithStep]:
    return list(
        BadFaithStep.objects.filter(platform_id=_platform_of(actor))
        .select_related("organisation", "suspension")
        .order_by("-created_at")[:100]
    )


def _factors_note(step: BadFaithStep) -> str:
    return _(
        "%(unfounded)d of %(decided)d decided notices unfounded (%(share).1f%%); gravity: %(gravity)s; "
        "intent: %(intent)s. %(reasons)s"
    ) % {
        "unfounded": step.unfounded,
        "decided": step.decided,
        "share": 100 * step.unfounded_share,
        "gravity": step.get_gravity_display(),
        "intent": step.intent or _("none recorded"),
        "reasons": step.reasons,
    }


def _warned_message(step: BadFaithStep) -> tuple[str, str]:
    return (
        _("Warning: manifestly unfounded notices on %(platform)s") % {"platform": step.platform},
        _("%(factors)s You can contest this warning once from your portal.")
        % {"factors": _factors_note(step)},
    )


def _contest_decided_message(step: BadFaithStep) -> tuple[str, str]:
    return (
        _("Your contest was decided: %(outcome)s") % {"outcome": step.get_contest_outcome_display()},
        step.contest_reason,
    )


@dataclass(frozen=True)
class CrossPlatformRecord:
    organisation: Organisation
    platforms: int
    decided: int
    unfounded: int
    warnings: int
    suspensions: int


CROSS_PLATFORM_SHOWN = 100


@transaction.atomic
def filer_records_count() -> int:
    """Count every filer's decided, rejected and counter-noticed cases per platform (one GROUP BY over the
    decided cases) and replace the snapshot the supervising authority reads; returns the rows."""
    now = timezone.now()
    rows = cast(
        Iterable[dict[str, int]],
        Case.objects.exclude(outcome="")
        .exclude(complaint__filed_by_org=None)
        .order_by()
        .values("complaint__filed_by_org_id", "platform_id")
        .annotate(**RECORD_COUNTS),
    )
    snapshot = [
        FilerRecordNow(
            organisation_id=row["complaint__filed_by_org_id"],
            platform_id=row["platform_id"],
            decided=row["decided"],
            rejected=row["rejected"],
            counter_noticed=row["counter_noticed"],
            counted_at=now,
        )
        for row in rows
    ]
    FilerRecordNow.objects.all().delete()
    FilerRecordNow.objects.bulk_create(snapshot, batch_size=5000)
    return len(snapshot)


def bad_faith_record_across_platforms(*, user: User) -> list[CrossPlatformRecord]:
    """For a supervising authority: each filer's record over every platform registered in its regions, most
    unfounded notices first, with the steps those platforms took. Read-only; the counts as the periodic
    job last took them (filer_records_count), never counted from the cases per request."""
    org = user.organisation
    if org is None or org.kind != OrgKind.SUPERVISOR:
        raise PermissionError
    regions = supervised_regions(org)
    rows = cast(
        Iterable[dict[str, int]],
        FilerRecordNow.objects.filter(platform__region__in=regions, decided__gt=0)
        .values("organisation_id")
        .annotate(
            decided=Sum("decided"),
            unfounded=Sum(F("rejected") + F("counter_noticed")),
            platforms=Count("platform_id"),
        )
        .filter(unfounded__gt=0)
        .order_by("-unfounded", "organisation_id")[:CROSS_PLATFORM_SHOWN],
    )
    rows = list(rows)
    filer_ids = [row["organisation_id"] for row in rows]
    steps: dict[int, tuple[int, int]] = {
        row["organisation_id"]: (row["warnings"], row["suspensions"])
        for row in BadFaithStep.objects.filter(organisation_id__in=filer_ids, platform__region__in=regions)
        .values("organisation_id")
        .annotate(
            warnings=Count("pk", filter=Q(kind=BadFaithStepKind.WARNING)),
            suspensions=Count("pk", filter=Q(kind=BadFaithStepKind.SUSPENSION)),
        )
        .order_by()
    }
    names = Organisation.objects.in_bulk(filer_ids)
    return [
        CrossPlatformRecord(
            organisation=names[row["organisation_id"]],
            platforms=row["platforms"],
            decided=row["decided"],
            unfounded=row["unfounded"],
            warnings=steps.get(row["organisation_id"], (0, 0))[0],
            suspensions=steps.get(row["organisation_id"], (0, 0))[1],
        )
        for row in rows
    ]
