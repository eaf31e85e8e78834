"""Mediation and arbitration with both parties' agreement.

Either party of a notice-and-takedown case whose platform decision (or review answer) it contests proposes a
dispute-resolution body serving the case's region and kind of right; the other party accepts or refuses
(the respondent through its signed link). An accepted referral opens the case at the body, which sees it
from then on (cases.selectors.cases_visible_to), with the body's published time limit as its deadline on
the working-day calendar, and puts the listings in the state the agreement says. The body records its
sessions, then a settlement (which closes the case) or an arbitral award with its measures on the listings,
which the platform executes, as it executes an office's decision.
"""

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import OrgKind, User
from audit.actors import Actor, Respondent
from audit.services import audit_record
from cases.actions import CaseAction
from cases.models import Case
from cases.services._deadline import deadline_set
from cases.services._scope import locked_case_for
from cases.services.notice_and_takedown import listings_restore
from cases.transition import action_allowed_now, case_action_require, case_transition
from complaints.models import Listing, ListingStatus
from disputes.models import (
    AwardedMeasure,
    AwardMeasure,
    BodySession,
    DisputeReferral,
    MeasuresWhileReferred,
    ReferralParty,
    ReferralStatus,
)
from disputes.selectors import bodies_offered

# The state each measure of an award puts a listing in.
LISTING_AFTER = {
    AwardMeasure.TAKE_DOWN: ListingStatus.TAKEN_DOWN,
    AwardMeasure.RESTORE: ListingStatus.RESTORED,
}


def _respondent_case(case_id: int) -> Case:
    """The case the respondent's verified link names, locked, with the parties every message needs."""
    return (
        Case.objects.select_for_update(of=("self",))
        .select_related("complaint__filed_by_org", "complaint__right", "platform__organisation", "store")
        .get(pk=case_id)
    )


def _respondent(case: Case, name_given: str) -> Respondent:
    if not name_given.strip():
        raise ValidationError({"name_given": _("Give your name or your store's name.")})
    return Respondent(store=case.store, name_given=name_given.strip())


def _complainant_case(case_id: int, actor: User) -> Case:
    return locked_case_for(
        case_id=case_id,
        actor=actor,
        kind=OrgKind.RIGHTSHOLDER,
        refused=_("Only the parties of the dispute can propose or answer a referral."),
    )


def open_proposal(case: Case) -> DisputeReferral | None:
    return case.dispute_referrals.filter(status=ReferralStatus.PROPOSED).select_related("body").first()


def referral_at_body(case: Case) -> DisputeReferral | None:
    """The case's accepted referral (at most one), whatever became of it since."""
    return (
        case.dispute_referrals.exclude(accepted_at=None)
        .select_related("body__organisation")
        .prefetch_related("sessions", "awarded_measures__listing")
        .first()
    )


def referral_refusal(case: Case) -> str | None:
    """Why no body can be proposed on the case now, in words a party can act on; None when one can."""
    if not action_allowed_now(case, CaseAction.REFERRAL_PROPOSED) or not action_allowed_now(
        case, CaseAction.REFERRAL_ACCEPTED
    ):
        return _("There is no platform decision on this case that a dispute-resolution body could settle.")
    if open_proposal(case) is not None:
        return _("A referral to a dispute-resolution body is already waiting for the other party's answer.")
    return None


def _propose(
    *,
    case: Case,
    party: ReferralParty,
    actor: User | Respondent,
    body_id: int,
    measures: str,
    note: str,
) -> DisputeReferral:
    refusal = referral_refusal(case)
    if refusal is not None:
        raise ValidationError(refusal, code="transition_not_allowed")
    body = next((body for body in bodies_offered(case) if body.pk == body_id), None)
    errors: dict[str, str] = {}
    if measures not in MeasuresWhileReferred.values:
        errors["measures"] = _("Say what happens to the listings while the body works on the case.")
    if body is None:
        errors["body"] = _("Choose one of the bodies serving this case's region and kind of right.")
    if body is None or errors:
        raise ValidationError(errors)
    referral = DisputeReferral.objects.create(
        case=case,
        body=body,
        proposed_by=party,
        proposed_by_user=actor if isinstance(actor, User) else None,
        name_given=actor.name_given if isinstance(actor, Respondent) else "",
        note=note.strip(),
        measures=measures,
    )
    case_transition(
        case=case,
        action=CaseAction.REFERRAL_PROPOSED,
        actor=actor,
        note=_("%(body)s; %(measures)s") % {"body": body, "measures": referral.get_measures_display()},
    )
    return referral


@transaction.atomic
def referral_propose_complainant(
    *, case_id: int, actor: User, body_id: int, measures: str, note: str = ""
) -> DisputeReferral:
    """The complainant proposes a body to the respondent; it is told through its link."""
    case = _complainant_case(case_id, actor)
    return _propose(
        case=case, party=ReferralParty.COMPLAINANT, actor=actor, body_id=body_id, measures=measures, note=note
    )


@transaction.atomic
def referral_propose_respondent(
    *, case_id: int, name_given: str, body_id: int, measures: str, note: str = ""
) -> DisputeReferral:
    """The respondent, through the verified link to `case_id`, proposes a body to the complainant."""
    case = _respondent_case(case_id)
    actor = _respondent(case, name_given)
    return _propose(
        case=case, party=ReferralParty.RESPONDENT, actor=actor, body_id=body_id, measures=measures, note=note
    )


def _answer(
    *, case: Case, party: ReferralParty, actor: User | Respondent, accept: bool, reason: str
) -> DisputeReferral:
    referral = case.dispute_referrals.select_for_update().filter(status=ReferralStatus.PROPOSED).first()
    if referral is None or referral.proposed_by == party:
        raise ValidationError(
            _("No proposal of the other party is waiting for your answer."), code="transition_not_allowed"
        )
    referral.answered_at = timezone.now()
    if not accept:
        if not reason.strip():
            raise ValidationError({"reason": _("Say why you refuse; the other party reads it.")})
        referral.status = ReferralStatus.REFUSED
        referral.refusal_reason = reason.strip()
        referral.save()
        case_transition(
            case=case, action=CaseAction.REFERRAL_REFUSED, actor=actor, note=referral.refusal_reason
        )
        return referral
    referral.status = ReferralStatus.ACCEPTED
    referral.accepted_at = referral.answered_at
    referral.deadline = deadline_set(case, referral.body.time_limit_working_days)
    referral.save()
    case.overdue_for = None
    if referral.measures == MeasuresWhileReferred.SUSPENDED:
        listings_restore(case, actor=actor, note=str(referral))
    case_transition(
        case=case,
        action=CaseAction.REFERRAL_ACCEPTED,
        actor=actor,
        note=_("%(body)s, by %(date)s; %(measures)s")
        % {
            "body": referral.body,
            "date": referral.deadline.isoformat(),
            "measures": referral.get_measures_display(),
        },
        refused=_("There is no platform decision on this case that a dispute-resolution body could settle."),
    )
    return referral


@transaction.atomic
def referral_answer_complainant(
    *, case_id: int, actor: User, accept: bool, reason: str = ""
) -> DisputeReferral:
    """The complainant accepts or refuses the respondent's proposal."""
    case = _complainant_case(case_id, actor)
    return _answer(case=case, party=ReferralParty.COMPLAINANT, actor=actor, accept=accept, reason=reason)


@transaction.atomic
def referral_answer_respondent(
    *, case_id: int, name_given: str, accept: bool, reason: str = ""
) -> DisputeReferral:
    """The respondent, through its link, accepts or refuses the complainant's proposal."""
    case = _respondent_case(case_id)
    actor = _respondent(case, name_given)
    return _answer(case=case, party=ReferralParty.RESPONDENT, actor=actor, accept=accept, reason=reason)


def _body_case(
    *, case_id: int, actor: User, action: CaseAction, refused: str
) -> tuple[Case, DisputeReferral]:
    """The case referred to the actor's body and its referral, both locked. ValidationError (forbidden) for
    anyone but the body's staff; Case.DoesNotExist for a case not referred to it; transition_not_allowed
    when the case's status refuses `action`."""
    org = actor.organisation
    if org is None or org.kind != OrgKind.DISPUTE_BODY:
        raise ValidationError(
            _("Only the staff of the dispute-resolution body can do this."), code="forbidden"
        )
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("complaint__filed_by_org", "platform__organisation", "office__organisation", "store")
        .get(
            pk=case_id,
            dispute_referrals__body__organisation=org,
            dispute_referrals__accepted_at__isnull=False,
        )
    )
    case_action_require(case=case, action=action, refused=refused)
    referral = (
        case.dispute_referrals.select_for_update(of=("self",))
        .select_related("body")
        .get(accepted_at__isnull=False)
    )
    return case, referral


@transaction.atomic
def body_session_record(
    *, case_id: int, actor: User, held_at: datetime, place: str, online: bool = False, notes: str = ""
) -> BodySession:
    """The body records a session with the parties (one to come, or one held, with its notes)."""
    case, referral = _body_case(
        case_id=case_id,
        actor=actor,
        action=CaseAction.BODY_SESSION_RECORDED,
        refused=_("Sessions are recorded while the case is at the body."),
    )
    if not place.strip():
        raise ValidationError({"place": _("Say where it takes place, or the link to join online.")})
    session = BodySession.objects.create(
        referral=referral,
        held_at=held_at,
        online=online,
        place=place.strip(),
        notes=notes.strip(),
        recorded_by=actor,
    )
    where = _("online: %(place)s") % {"place": session.place} if online else session.place
    case_transition(
        case=case,
        action=CaseAction.BODY_SESSION_RECORDED,
        actor=actor,
        # With its UTC offset: the history is read in other time zones than the one it was written in.
        note=f"{timezone.localtime(held_at).isoformat(timespec='minutes')}, {where}",
    )
    return session


def _require_session_held(referral: DisputeReferral) -> None:
    if not referral.sessions.filter(held_at__lte=timezone.now()).exists():
        raise ValidationError(
            _("Record a session with the parties first: a result is recorded once a session has been held."),
            code="conflict",
        )


def _terms(terms: str, field: str = "terms") -> str:
    if not terms.strip():
        raise ValidationError({field: _("Record the terms.")})
    return terms.strip()


@transaction.atomic
def settlement_record(*, case_id: int, actor: User, terms: str) -> DisputeReferral:
    """The body records the parties' settlement with its terms; the case closes, the listings as they are."""
    case, referral = _body_case(
        case_id=case_id,
        actor=actor,
        action=CaseAction.SETTLEMENT_RECORDED,
        refused=_("A settlement is recorded while the case is at the body."),
    )
    _require_session_held(referral)
    referral.terms = _terms(terms)
    referral.status = ReferralStatus.SETTLED
    referral.resolved_at = timezone.now()
    referral.resolved_by = actor
    referral.save()
    case.closed_at = referral.resolved_at
    case.deadline = None
    case_transition(case=case, action=CaseAction.SETTLEMENT_RECORDED, actor=actor, note=referral.terms)
    return referral


@transaction.atomic
def award_issue(*, case_id: int, actor: User, terms: str, measures: dict[int, str]) -> DisputeReferral:
    """The body issues an arbitral award: its terms and, for listings of the case, take down or restore
    (`measures`, by listing id). The platform then has IPRGOV_PLATFORM_ACTION_DAYS to execute it."""
    case, referral = _body_case(
        case_id=case_id,
        actor=actor,
        action=CaseAction.AWARD_ISSUED,
        refused=_("An award is issued while the case is at the body."),
    )
    _require_session_held(referral)
    listings = {listing.pk: listing for listing in case.listings.all()}
    if set(measures) - set(listings) or set(measures.values()) - set(AwardMeasure.values):
        raise ValidationError({"measures": _("Choose take down or restore for listings of this case.")})
    referral.terms = _terms(terms)
    referral.status = ReferralStatus.AWARDED
    referral.resolved_at = timezone.now()
    referral.resolved_by = actor
    referral.save()
    AwardedMeasure.objects.bulk_create(
        AwardedMeasure(referral=referral, listing=listings[pk], measure=measure)
        for pk, measure in sorted(measures.items())
    )
    deadline_set(case, settings.IPRGOV_PLATFORM_ACTION_DAYS)
    case.overdue_for = None
    case_transition(case=case, action=CaseAction.AWARD_ISSUED, actor=actor, note=referral.terms)
    return referral


@transaction.atomic
def award_execute(*, case_id: int, actor: User, note: str = "") -> DisputeReferral:
    """The platform executes the award: each listing it names is taken down or restored (with an audit entry),
    and the case closes."""
    case = locked_case_for(
        case_id=case_id, actor=actor, kind=OrgKind.PLATFORM, refused=_("Only the platform executes an award.")
    )
    case_action_require(
        case=case,
        action=CaseAction.AWARD_EXECUTED,
        refused=_("No arbitral award on this case awaits execution."),
    )
    referral = case.dispute_referrals.select_for_update(of=("self",)).get(status=ReferralStatus.AWARDED)
    for awarded in referral.awarded_measures.select_related("listing").order_by("listing_id"):
        _listing_set(
            case, awarded.listing, LISTING_AFTER[AwardMeasure(awarded.measure)], actor, str(referral)
        )
    referral.status = ReferralStatus.EXECUTED
    referral.executed_at = timezone.now()
    referral.executed_by = actor
    referral.save()
    case.closed_at = referral.executed_at
    case.deadline = None
    case_transition(case=case, action=CaseAction.AWARD_EXECUTED, actor=actor, note=note.strip())
    return referral


def _listing_set(case: Case, listing: Listing, status: str, actor: Actor, note: str) -> None:
    before = listing.status
    if before == status:
        return
    listing.status = status
    listing.save(update_fields=["status"])
    audit_record(
        actor=actor,
        subject=listing,
        case_id=case.pk,
        action="listing_award_executed",
        from_status=before,
        to_status=status,
        note=note,
    )
