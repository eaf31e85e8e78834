"""Internal review of a platform's decision (DSA art. 20).

The complainant (against a rejection) or the respondent (against a measure, through its signed link) asks,
free, within IPRGOV_REVIEW_DAYS of the decision, with reasons and evidence. Platform staff other than whoever
decided the listings answer with reasons and the further options open; a reversal restores the listings
taken down, or takes down the listings rejected, and closes the notice-and-takedown steps that rested on
the decision.
"""

import hashlib
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import OrgKind, User
from audit.actors import Respondent
from cases.actions import CaseAction
from cases.models import (
    Case,
    CaseOutcome,
    DecisionReview,
    HandlingMode,
    ReviewEvidence,
    ReviewOutcome,
    ReviewParty,
)
from cases.services._scope import locked_case_for
from cases.services.decisions import listings_decision_record, statement_for_decision
from cases.services.notice_and_takedown import listings_restore
from cases.transition import action_allowed_now, case_action_require, case_transition
from complaints.models import ListingStatus
from platforms.models import DecisionAction
from platforms.statements import StatementParts

# The listings a party's review is about: the complainant contests rejections, the respondent measures.
CONTESTED = {
    ReviewParty.COMPLAINANT: ListingStatus.REJECTED,
    ReviewParty.RESPONDENT: ListingStatus.TAKEN_DOWN,
}


def review_decision_at(case: Case) -> datetime | None:
    """When the decision open to review was taken: the last review's answer, else the platform's decision."""
    last = case.reviews.exclude(decided_at=None).order_by("-decided_at").values_list("decided_at", flat=True)
    return last.first() or case.decided_at


def review_open_until(case: Case) -> datetime | None:
    decided_at = review_decision_at(case)
    return decided_at + timedelta(days=settings.IPRGOV_REVIEW_DAYS) if decided_at else None


def review_may_be_asked(case: Case, party: ReviewParty, now: datetime | None = None) -> bool:
    """The party may ask for a review now: a decision it contests stands, in time, and none is pending."""
    until = review_open_until(case)
    return (
        case.mode != HandlingMode.ADMINISTRATIVE
        and action_allowed_now(case, CaseAction.REVIEW_REQUESTED)
        and until is not None
        and (now or timezone.now()) <= until
        and case.listings.filter(status=CONTESTED[party]).exists()
        and not case.reviews.filter(decided_at=None).exists()
    )


def review_pending(case: Case) -> DecisionReview | None:
    return case.reviews.filter(decided_at=None).select_related("requested_by").first()


def _review_refusal(case: Case, party: ReviewParty) -> str | None:
    """Why the party cannot ask for a review now, in words it can act on; None when it can."""
    if case.mode == HandlingMode.ADMINISTRATIVE or not action_allowed_now(case, CaseAction.REVIEW_REQUESTED):
        return _("There is no platform decision on this case to review.")
    if case.reviews.filter(decided_at=None).exists():
        return _("A review of this decision is already under way.")
    if not case.listings.filter(status=CONTESTED[party]).exists():
        return (
            _("No listing of this case was rejected: there is no rejection to review.")
            if party == ReviewParty.COMPLAINANT
            else _("No measure stands on a listing of this case: there is no measure to review.")
        )
    until = review_open_until(case)
    if until is None or timezone.now() > until:
        return _("A review can be asked for within %(days)d days of the decision; that time has passed.") % {
            "days": settings.IPRGOV_REVIEW_DAYS
        }
    return None


def _review_create(
    *,
    case: Case,
    party: ReviewParty,
    actor: User | Respondent,
    reasons: str,
    evidence: Iterable[UploadedFile],
) -> DecisionReview:
    refusal = _review_refusal(case, party)
    if refusal is not None:
        raise ValidationError(refusal, code="transition_not_allowed")
    if not reasons.strip():
        raise ValidationError({"reasons": _("Say why the decision should be reviewed.")})
    review = DecisionReview.objects.create(
        case=case,
        party=party,
        requested_by=actor if isinstance(actor, User) else None,
        name_given=actor.name_given if isinstance(actor, Respondent) else "",
        reasons=reasons.strip(),
    )
    for upload in evidence:
        upload.seek(0)
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        ReviewEvidence.objects.create(
            review=review,
            file=upload,
            original_name=str(getattr(upload, "original_name", upload.name))[:255],
            sha256=digest.hexdigest(),
        )
    case_transition(case=case, action=CaseAction.REVIEW_REQUESTED, actor=actor, note=review.reasons)
    return review


@transaction.atomic
def review_request_complainant(
    *, case_id: int, actor: User, reasons: str, evidence: Iterable[UploadedFile] = ()
) -> DecisionReview:
    """The complainant asks the platform to review its rejection. Uploads must already have passed
    complaints.uploads.checked_upload."""
    case = locked_case_for(
        case_id=case_id,
        actor=actor,
        kind=OrgKind.RIGHTSHOLDER,
        refused=_("Only the complainant can ask for a review of a rejection."),
    )
    return _review_create(
        case=case, party=ReviewParty.COMPLAINANT, actor=actor, reasons=reasons, evidence=evidence
    )


@transaction.atomic
def review_request_respondent(
    *, case_id: int, name_given: str, reasons: str, evidence: Iterable[UploadedFile] = ()
) -> DecisionReview:
    """The respondent, through the verified link to `case_id`, asks the platform to review a measure.
    Recorded as the case's store acting, with the name it gives."""
    case = Case.objects.select_for_update(of=("self",)).select_related("store").get(pk=case_id)
    if not name_given.strip():
        raise ValidationError({"name_given": _("Give your name or your store's name.")})
    return _review_create(
        case=case,
        party=ReviewParty.RESPONDENT,
        actor=Respondent(store=case.store, name_given=name_given.strip()),
        reasons=reasons,
        evidence=evidence,
    )


def further_options_text(case: Case) -> str:
    """What a party who disagrees with the review can still do (DSA arts. 20(5), 21)."""
    office = str(case.office) if case.office_id else _("the IPR office of jurisdiction")
    return _(
        "If you disagree with this answer you may ask for mediation or arbitration by a dispute-resolution "
        "body with the other party's agreement, ask %(office)s to handle the dispute, or bring it before a "
        "court."
    ) % {"office": office}


@transaction.atomic
def review_decide(
    *,
    case_id: int,
    actor: User,
    outcome: str,
    answer: str,
    reason_code: str = "",
    statement: StatementParts | None = None,
) -> DecisionReview:
    """Platform staff who did not decide the case's listings answer the pending review with reasons.

    Confirmed, nothing else changes. Reversed on the respondent's review, the listings taken down are
    restored; reversed on the complainant's, the listings rejected are taken down with a new decision citing
    `reason_code` and `statement` (its standard parts from the platform's template, its facts the answer).
    Either reversal closes the case's notice-and-takedown steps.
    """
    case = locked_case_for(case_id=case_id, actor=actor, kind=OrgKind.PLATFORM)
    review = case.reviews.select_for_update().filter(decided_at=None).first()
    if review is None:
        raise ValidationError(
            _("No review of this case is waiting for an answer."), code="transition_not_allowed"
        )
    if case.listing_decisions.filter(decided_by=actor).exists():
        raise ValidationError(
            _("You took the decision under review: another member of the platform's staff must review it."),
            code="forbidden",
        )
    errors: dict[str, str] = {}
    if outcome not in ReviewOutcome.values:
        errors["outcome"] = _("Say whether the decision is confirmed or reversed.")
    if not answer.strip():
        errors["answer"] = _("Give the reasons for the answer; both parties receive them.")
    if errors:
        raise ValidationError(errors)
    review.outcome = outcome
    review.answer = answer.strip()
    review.further_options = further_options_text(case)
    review.decided_by = actor
    review.decided_at = timezone.now()
    if outcome == ReviewOutcome.CONFIRMED:
        case_action_require(
            case=case,
            action=CaseAction.REVIEW_CONFIRMED,
            refused=_("The decision on this case can no longer be reviewed."),
        )
        review.save()
        case_transition(case=case, action=CaseAction.REVIEW_CONFIRMED, actor=actor, note=review.answer)
        return review
    _reverse(case=case, review=review, actor=actor, reason_code=reason_code, statement=statement)
    review.save()
    case.closed_at = case.closed_at or review.decided_at
    case.deadline = None
    case_transition(
        case=case,
        action=CaseAction.REVIEW_REVERSED,
        actor=actor,
        note=review.answer,
        refused=_("The decision on this case can no longer be reviewed."),
    )
    return review


def _reverse(
    *, case: Case, review: DecisionReview, actor: User, reason_code: str, statement: StatementParts | None
) -> None:
    """Put the listings in the state the reversal says, and the case's outcome with them."""
    if review.party == ReviewParty.RESPONDENT:
        listings_restore(case, actor=actor, note=review.answer)
        case.outcome = CaseOutcome.NOT_UPHELD
        return
    given = statement or StatementParts(
        measure_scope="", facts=review.answer, legal_ground="", automated_means=False, redress=""
    )
    reason_label, parts = statement_for_decision(
        case=case, action=DecisionAction.TAKE_DOWN, reason_code=reason_code, given=given
    )
    listings_decision_record(
        case=case,
        listings=list(case.listings.filter(status=ListingStatus.REJECTED).order_by("pk")),
        actor=actor,
        action=DecisionAction.TAKE_DOWN,
        reason_code=reason_code,
        reason_label=reason_label,
        statement=parts,
        cites_office_record=str(review),
    )
    case.outcome = CaseOutcome.UPHELD
