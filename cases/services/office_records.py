"""What officials do: determination opinions on assisted cases, decisions on administrative cases."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import OrgKind, User
from audit.services import audit_record
from cases.models import AdministrativeDecision, Case, DeterminationOpinion
from enforcement.working_days import add_working_days
from iprgov.transitions import readable_transition
from webhooks.hooks import case_changed


def _locked_case_of_office(*, case_id: int, actor: User) -> Case:
    org = actor.organisation
    if org is None or org.kind != OrgKind.OFFICE:
        raise ValidationError(_("Only officials of an IPR office can do this."), code="forbidden")
    return Case.objects.select_for_update(of=("self",)).select_related("office").get(pk=case_id, office__organisation=org)


def _platform_deadline() -> date:
    return add_working_days(timezone.localdate(), settings.IPRGOV_PLATFORM_DAYS_AFTER_OFFICE)


@transaction.atomic
def opinion_issue(
    *, case_id: int, actor: User, outcome: str, reasoning: str, technical_comparison: str = ""
) -> DeterminationOpinion:
    """Record the office's determination opinion; the case goes back to the platform to decide."""
    case = _locked_case_of_office(case_id=case_id, actor=actor)
    if not reasoning.strip():
        raise ValidationError({"reasoning": _("Explain the opinion.")})
    before = case.status
    with readable_transition(_("An opinion can only be given on a case awaiting one.")):
        case.receive_opinion()
    opinion = DeterminationOpinion(
        case=case,
        office=case.office,
        official=actor,
        outcome=outcome,
        reasoning=reasoning.strip(),
        technical_comparison=technical_comparison.strip(),
    )
    opinion.full_clean(exclude=["case"])
    opinion.save()
    case.deadline = _platform_deadline()
    case.save()
    audit_record(
        actor=actor, subject=case, action="opinion_issued", from_status=before, to_status=case.status,
        note=f"{opinion.get_outcome_display()}: {opinion.reasoning}",
    )
    case_changed(case_id=case.pk, event_type="case.opinion_issued")
    return opinion


@transaction.atomic
def administrative_decision_issue(
    *, case_id: int, actor: User, infringement_established: bool, reasoning: str, measures_ordered: str = ""
) -> AdministrativeDecision:
    """Record the office's decision on an administrative case; the platform must then execute it."""
    case = _locked_case_of_office(case_id=case_id, actor=actor)
    if not reasoning.strip():
        raise ValidationError({"reasoning": _("Explain the decision.")})
    if infringement_established and not measures_ordered.strip():
        raise ValidationError({"measures_ordered": _("State the measures the platform must take.")})
    before = case.status
    with readable_transition(_("A decision can only be issued on a case awaiting one.")):
        case.receive_office_decision()
    decision = AdministrativeDecision(
        case=case,
        office=case.office,
        official=actor,
        infringement_established=infringement_established,
        reasoning=reasoning.strip(),
        measures_ordered=measures_ordered.strip(),
    )
    decision.full_clean(exclude=["case"])
    decision.save()
    case.deadline = _platform_deadline()
    case.save()
    audit_record(
        actor=actor, subject=case, action="decision_issued", from_status=before, to_status=case.status,
        note=decision.reasoning,
    )
    case_changed(case_id=case.pk, event_type="case.office_decision_issued")
    return decision
