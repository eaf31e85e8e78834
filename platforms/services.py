"""Platform decisions on listings. The case is locked so two staff cannot decide the same listing twice."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import OrgKind, User
from audit.services import audit_record
from complaints.models import ListingStatus
from enforcement.models import Case, CaseOutcome, CaseStatus
from iprgov.transitions import readable_transition
from platforms.models import DecisionAction, ListingDecision

DECIDABLE = (CaseStatus.AWAITING_PLATFORM, CaseStatus.AWAITING_EXECUTION)
LISTING_STATUS_AFTER = {DecisionAction.TAKE_DOWN: ListingStatus.TAKEN_DOWN, DecisionAction.REJECT: ListingStatus.REJECTED}


@transaction.atomic
def listing_decide(
    *, case_id: int, listing_ids: list[int], actor: User, action: str, reason_code: str, statement: str
) -> list[ListingDecision]:
    """Decide pending listings of a case on the actor's platform; the case is decided when none is pending."""
    org = actor.organisation
    if org is None or org.kind != OrgKind.PLATFORM:
        raise ValidationError(_("Only platform staff can decide listings."), code="forbidden")
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("platform")
        .get(pk=case_id, platform__organisation=org)
    )
    if case.status not in DECIDABLE:
        raise ValidationError(
            _("This case cannot be decided now: it is %(status)s.") % {"status": case.get_status_display()},
            code="transition_not_allowed",
        )
    if not statement.strip():
        raise ValidationError({"statement": _("Give a statement of reasons; the respondent receives it.")})
    action = DecisionAction(action)
    cited = _office_record_cited(case, action)
    listings = list(case.listings.filter(pk__in=listing_ids))
    if len(listings) != len(set(listing_ids)) or not listings:
        raise ValidationError({"listings": _("Choose listings of this case.")})
    already = [str(listing) for listing in listings if listing.status != ListingStatus.PENDING]
    if already:
        raise ValidationError(
            _("Already decided by someone else: %(listings)s. Reload the case.") % {"listings": ", ".join(already)},
            code="conflict",
        )
    decisions = []
    for listing in listings:
        listing.status = LISTING_STATUS_AFTER[action]
        listing.save(update_fields=["status"])
        decision = ListingDecision.objects.create(
            listing=listing,
            case=case,
            decided_by=actor,
            action=action,
            reason_code=reason_code,
            statement=statement.strip(),
            cites_office_record=cited,
        )
        decision.full_clean()
        audit_record(
            actor=actor,
            subject=listing,
            case_id=case.pk,
            action=f"listing_{action}",
            from_status=ListingStatus.PENDING,
            to_status=listing.status,
            note=statement.strip(),
        )
        decisions.append(decision)
    if not case.listings.filter(status=ListingStatus.PENDING).exists():
        _close_decided_case(case, actor)
    return decisions


def _office_record_cited(case: Case, action: DecisionAction) -> str:
    """The opinion or decision the platform's decision rests on; an office decision binds the platform."""
    decision = getattr(case, "administrative_decision", None)
    if case.status == CaseStatus.AWAITING_EXECUTION and decision is not None:
        required = DecisionAction.TAKE_DOWN if decision.infringement_established else DecisionAction.REJECT
        if action != required:
            raise ValidationError(
                {"action": _("The office's decision must be executed: %(action)s.") % {"action": required.label}}
            )
        return str(decision)
    opinion = getattr(case, "opinion", None)
    return f"{opinion} ({opinion.get_outcome_display()})" if opinion else ""


def _close_decided_case(case: Case, actor: User) -> None:
    before = case.status
    with readable_transition(_("This case cannot be decided now.")):
        case.mark_decided()
    taken_down = case.listings.filter(status=ListingStatus.TAKEN_DOWN).exists()
    case.outcome = CaseOutcome.UPHELD if taken_down else CaseOutcome.NOT_UPHELD
    case.decided_at = timezone.now()
    case.save()
    audit_record(
        actor=actor, subject=case, action="case_decided", from_status=before, to_status=case.status, note=case.outcome
    )
