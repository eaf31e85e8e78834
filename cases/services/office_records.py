"""What officials do: determination opinions on assisted cases, decisions on administrative cases."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import OrgKind, User
from cases.actions import CaseAction
from cases.models import AdministrativeDecision, DeterminationOpinion, OpinionOutcome
from cases.services._deadline import deadline_set
from cases.services._scope import locked_case_for
from cases.transition import case_transition


@transaction.atomic
def opinion_issue(
    *, case_id: int, actor: User, outcome: str, reasoning: str, technical_comparison: str = ""
) -> DeterminationOpinion:
    """Record the office's determination opinion; the case goes back to the platform to decide."""
    case = locked_case_for(case_id=case_id, actor=actor, kind=OrgKind.OFFICE)
    if not reasoning.strip():
        raise ValidationError({"reasoning": _("Explain the opinion.")})
    if outcome not in OpinionOutcome.values:
        raise ValidationError({"outcome": _("Choose one of the opinions.")})
    deadline_set(case, settings.IPRGOV_PLATFORM_DAYS_AFTER_OFFICE)
    case_transition(
        case=case,
        action=CaseAction.OPINION_ISSUED,
        actor=actor,
        note=f"{OpinionOutcome(outcome).label}: {reasoning.strip()}",
        refused=_("An opinion can only be given on a case awaiting one."),
    )
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
    return opinion


@transaction.atomic
def administrative_decision_issue(
    *, case_id: int, actor: User, infringement_established: bool, reasoning: str, measures_ordered: str = ""
) -> AdministrativeDecision:
    """Record the office's decision on an administrative case; the platform must then execute it."""
    case = locked_case_for(case_id=case_id, actor=actor, kind=OrgKind.OFFICE)
    if not reasoning.strip():
        raise ValidationError({"reasoning": _("Explain the decision.")})
    if infringement_established and not measures_ordered.strip():
        raise ValidationError({"measures_ordered": _("State the measures the platform must take.")})
    upcoming = case.sessions.filter(scheduled_for__gt=timezone.now()).first()
    if upcoming is not None:
        raise ValidationError(
            _("%(session)s has not taken place yet: the decision can be issued after it.")
            % {"session": upcoming},
            code="conflict",
        )
    deadline_set(case, settings.IPRGOV_PLATFORM_DAYS_AFTER_OFFICE)
    case_transition(
        case=case,
        action=CaseAction.DECISION_ISSUED,
        actor=actor,
        note=reasoning.strip(),
        refused=_("A decision can only be issued on a case awaiting one."),
    )
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
    return decision
