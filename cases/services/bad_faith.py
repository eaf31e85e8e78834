"""Bad-faith controls: each complainant's record, and suspension of its filing with a stated reason."""

from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.filing import filing_suspension_active
from accounts.models import FilingSuspension, Organisation, OrgKind, User
from accounts.notifications import notify_organisation
from audit.services import audit_record
from cases.models import Case, CaseClosure, CaseOutcome

MAX_SUSPENSION_DAYS = 365


@dataclass(frozen=True)
class ComplainantRecord:
    decided: int
    rejected: int
    counter_noticed: int
    suspension: FilingSuspension | None

    @property
    def rejected_share(self) -> float:
        return self.rejected / self.decided if self.decided else 0.0

    @property
    def counter_noticed_share(self) -> float:
        return self.counter_noticed / self.decided if self.decided else 0.0


# A complainant's record, as aggregates over its decided cases (programmes groups them by complainant).
REJECTED = Q(outcome=CaseOutcome.NOT_UPHELD) | Q(closure=CaseClosure.REJECTED)
COUNTER_NOTICED = Q(outcome=CaseOutcome.RESTORED)
RECORD_COUNTS = {
    "decided": Count("pk"),
    "rejected": Count("pk", filter=REJECTED),
    "counter_noticed": Count("pk", filter=COUNTER_NOTICED),
}


def complainant_record(*, organisation_id: int, platform_id: int | None = None) -> ComplainantRecord:
    """Of the complainant's decided cases (on `platform_id` only, when given: a platform sees its own cases):
    how many were rejected, and how many restored after a counter-notice."""
    cases = Case.objects.filter(complainant_org_id=organisation_id).exclude(outcome="")
    if platform_id is not None:
        cases = cases.filter(platform_id=platform_id)
    counts = cases.aggregate(**RECORD_COUNTS)
    return ComplainantRecord(
        decided=counts["decided"],
        rejected=counts["rejected"],
        counter_noticed=counts["counter_noticed"],
        suspension=filing_suspension_active(organisation_id=organisation_id, platform_id=platform_id),
    )


@transaction.atomic
def filing_suspend(*, actor: User, organisation_id: int, days: int, reason: str) -> FilingSuspension:
    """Suspend a complainant's filing for `days`. Platform staff suspend filing against their platform only."""
    org = actor.organisation
    if org is None or org.kind not in (OrgKind.PLATFORM, OrgKind.OFFICE):
        raise ValidationError(_("Only platform staff or officials can suspend filing."), code="forbidden")
    if not reason.strip():
        raise ValidationError({"reason": _("State the reason; the complainant is told it.")})
    if not 1 <= days <= MAX_SUSPENSION_DAYS:
        raise ValidationError({"days": _("Suspend for 1 to %(max)d days.") % {"max": MAX_SUSPENSION_DAYS}})
    complainant = Organisation.objects.get(pk=organisation_id, kind=OrgKind.RIGHTSHOLDER)
    # Only a complainant the actor's organisation deals with: one with a case on its platform or docket.
    seen = Q(platform__organisation=org) if org.kind == OrgKind.PLATFORM else Q(office__organisation=org)
    if not Case.objects.filter(seen, complaint__filed_by_org=complainant).exists():
        raise Organisation.DoesNotExist
    platform = getattr(org, "platform", None) if org.kind == OrgKind.PLATFORM else None
    suspension = FilingSuspension.objects.create(
        organisation=complainant,
        platform=platform,
        until=timezone.now() + timedelta(days=days),
        reason=reason.strip(),
        created_by=actor,
    )
    audit_record(actor=actor, subject=suspension, action="filing_suspended", note=suspension.reason)
    notify_organisation(organisation=complainant, build=partial(_suspended_message, suspension))
    return suspension


def _suspended_message(suspension: FilingSuspension) -> tuple[str, str]:
    return (
        _("Your filing of complaints is suspended"),
        _("Until %(until)s. Reason: %(reason)s")
        % {
            "until": date_format(timezone.localtime(suspension.until), "DATE_FORMAT"),
            "reason": suspension.reason,
        },
    )
