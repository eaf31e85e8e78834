"""Platform decisions on listings, in bulk, and requests for information.

The case is locked so two staff cannot decide the same listing twice.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import OrgKind, User
from audit.services import audit_entry_build, record_many
from cases.actions import ACTIONS, CaseAction
from cases.models import Case, CaseOutcome, CaseStatus, HandlingMode, InformationRequest, ListingDecision
from cases.services._deadline import deadline_set
from cases.services._scope import locked_case_for, locked_cases_for
from cases.services.notice_and_takedown import (
    case_close_rejected,
    cases_close_rejected,
    notice_forward,
    notices_forward,
)
from cases.services.penalties import penalty_apply
from cases.services.statement_of_reasons import statement_checked
from cases.transition import action_allowed_now, case_action_require, case_transition, case_transition_many
from complaints.models import Listing, ListingStatus
from platforms.models import REASON_CODE_DECISIONS, DecisionAction, Platform, ReasonCode
from platforms.statements import StatementParts, statement_template_for

# The statuses in which listings are decided (the platform console's bulk decisions filter on them).
DECIDABLE = ACTIONS[CaseAction.LISTINGS_DECIDED].allowed_in
LISTING_STATUS_AFTER = {
    DecisionAction.TAKE_DOWN: ListingStatus.TAKEN_DOWN,
    DecisionAction.REJECT: ListingStatus.REJECTED,
}


def _is_default_reason(platform: Platform, code: str) -> bool:
    return code in ReasonCode.values and not platform.reason_codes.filter(is_active=True).exists()


def reason_choices_for(platform: Platform | None, action: str = "") -> list[tuple[str, str]]:
    """The reason codes the platform's staff choose from (for `action`, or for any decision): its own active
    codes, else the defaults."""
    if platform is not None and platform.reason_codes.filter(is_active=True).exists():
        own = platform.reason_codes.filter(is_active=True)
        if action:
            own = own.filter(action__in=["", action])
        return [(code.code, code.label) for code in own.order_by("code")]
    return [
        (value, str(label))
        for value, label in ReasonCode.choices
        if not action or action in REASON_CODE_DECISIONS[value]
    ]


def reason_choices_by_decision(platform: Platform | None) -> list[tuple[str, list[tuple[str, str]]]]:
    """The reason codes grouped by the decision they explain, so a form shows which goes with which."""
    take_down = dict(reason_choices_for(platform, DecisionAction.TAKE_DOWN))
    reject = dict(reason_choices_for(platform, DecisionAction.REJECT))
    groups = [
        (_("Reasons to take measures"), [item for item in take_down.items() if item[0] not in reject]),
        (_("Reasons to reject"), [item for item in reject.items() if item[0] not in take_down]),
        (_("Reasons for either decision"), [item for item in take_down.items() if item[0] in reject]),
    ]
    return [(str(label), choices) for label, choices in groups if choices]


def _reason_label(platform: Platform, action: DecisionAction, reason_code: str) -> str:
    """The label of a reason code that explains `action`; refuses an unknown code and one of the other decision."""
    if reason_code not in dict(reason_choices_for(platform)):
        # A code the platform does not have, like a listing the case does not have, names nothing: a 404.
        raise ValidationError(
            {
                "reason_code": ValidationError(
                    _("Choose one of the platform's reason codes."), code="does_not_exist"
                )
            }
        )
    fitting = dict(reason_choices_for(platform, action))
    if reason_code not in fitting:
        label = dict(reason_choices_for(platform))[reason_code]
        message = (
            _("“%(reason)s” is a reason to take measures, not to reject. Choose a reason to reject.")
            if action == DecisionAction.REJECT
            else _(
                "“%(reason)s” is a reason to reject, not to take measures. Choose a reason to take measures."
            )
        )
        raise ValidationError(
            {"reason_code": ValidationError(message % {"reason": label}, code="reason_mismatch")}
        )
    return fitting[reason_code]


@transaction.atomic
def listing_decide(
    *,
    case_id: int,
    listing_ids: list[int],
    actor: User,
    action: str,
    reason_code: str,
    statement: StatementParts,
) -> list[ListingDecision]:
    """Decide pending listings of a case on the actor's platform; the case is decided when none is pending.

    The statement's standard parts left empty take the platform's template for the decision; a reason code
    of the other decision, a missing part or facts that give no reason are refused, naming the field.
    A decided platform or assisted case moves straight on: with measures taken the notice is forwarded
    to the respondent, with every listing rejected it closes.
    """
    case = locked_case_for(case_id=case_id, actor=actor, kind=OrgKind.PLATFORM)
    decidable = action_allowed_now(case, CaseAction.LISTINGS_DECIDED)
    if not decidable and case.decided_at is not None:
        # Someone else decided the last pending listings while this person's page was open.
        raise ValidationError(
            _("This case has already been decided by someone else. Reload the case."), code="conflict"
        )
    case_action_require(
        case=case,
        action=CaseAction.LISTINGS_DECIDED,
        refused=_("This case cannot be decided now: it is %(status)s.")
        % {"status": case.get_status_display()},
    )
    action = DecisionAction(action)
    reason_label, parts = statement_for_decision(
        case=case, action=action, reason_code=reason_code, given=statement
    )
    cited = _office_record_cited(case, action)
    listings = list(case.listings.filter(pk__in=listing_ids))
    if len(listings) != len(set(listing_ids)) or not listings:
        raise ValidationError(
            {"listings": ValidationError(_("Choose listings of this case."), code="does_not_exist")}
        )
    already = [str(listing) for listing in listings if listing.status != ListingStatus.PENDING]
    if already:
        raise ValidationError(
            _("Already decided by someone else: %(listings)s. Reload the case.")
            % {"listings": ", ".join(already)},
            code="conflict",
        )
    decisions = listings_decision_record(
        case=case,
        listings=listings,
        actor=actor,
        action=action,
        reason_code=reason_code,
        reason_label=reason_label,
        statement=parts,
        cites_office_record=cited,
    )
    if case.listings.filter(status=ListingStatus.PENDING).exists():
        case_transition(case=case, action=CaseAction.LISTINGS_DECIDED, actor=actor, note=parts.facts)
    else:
        _close_decided_case(case, actor)
    return decisions


def listings_decision_record(
    *,
    case: Case,
    listings: list[Listing],
    actor: User,
    action: DecisionAction,
    reason_code: str,
    reason_label: str,
    statement: StatementParts,
    cites_office_record: str = "",
) -> list[ListingDecision]:
    """Record one decision per listing with its statement of reasons and an audit entry, and put each listing
    in the state the decision says. The caller holds the case locked and has checked the reason code and the
    statement (statement_for_decision); a decision on review changes listings already decided."""
    return _decisions_record(
        chosen=[(case, listings, cites_office_record)],
        actor=actor,
        action=action,
        reason_code=reason_code,
        reason_label=reason_label,
        statement=statement,
    )


def _decisions_record(
    *,
    chosen: list[tuple[Case, list[Listing], str]],
    actor: User,
    action: DecisionAction,
    reason_code: str,
    reason_label: str,
    statement: StatementParts,
) -> list[ListingDecision]:
    """listings_decision_record for (case, its listings, the office record it cites) of cases of one
    platform, in a fixed number of statements however many listings and cases: one update of the listings,
    one insert of the decisions, one chained insert of their audit entries."""
    status_after = LISTING_STATUS_AFTER[action]
    own_label = "" if _is_default_reason(chosen[0][0].platform, reason_code) else reason_label[:200]
    decisions: list[ListingDecision] = []
    entries = []
    for case, listings, cited in chosen:
        notice = _notice_cited(case)
        own = [
            ListingDecision(
                listing=listing,
                case=case,
                decided_by=actor,
                action=action,
                reason_code=reason_code,
                reason_label=own_label,
                measure_scope=statement.measure_scope,
                statement=statement.facts,
                notice_cited=notice,
                cites_office_record=cited,
                legal_ground=statement.legal_ground,
                automated_means=statement.automated_means,
                redress=statement.redress,
            )
            for listing in listings
        ]
        # A case's decisions differ only by listing, which was read from this case: checking one checks all.
        own[0].full_clean(exclude=["listing", "case", "decided_by"])
        decisions += own
        entries += [
            audit_entry_build(
                actor=actor,
                subject=listing,
                case_id=case.pk,
                action=f"listing_{action}",
                from_status=listing.status,
                to_status=status_after,
                note=statement.facts,
            )
            for listing in listings
        ]
    Listing.objects.filter(pk__in=[decision.listing.pk for decision in decisions]).update(status=status_after)
    for decision in decisions:
        decision.listing.status = status_after
    ListingDecision.objects.bulk_create(decisions)
    record_many(entries)
    return decisions


def statement_for_decision(
    *, case: Case, action: DecisionAction, reason_code: str, given: StatementParts
) -> tuple[str, StatementParts]:
    """The reason code's label and the statement of reasons as it will be sent: a reason code of the other
    decision, a missing part or facts that give no reason are refused, naming the field."""
    reason_label = _reason_label(case.platform, action, reason_code)
    parts = statement_checked(
        given=given, template=statement_template_for(case.platform, action), reason_label=reason_label
    )
    return reason_label, parts


def _notice_cited(case: Case) -> str:
    complaint = case.complaint
    if complaint.submitted_at is None:  # pragma: no cover — a case exists only for a submitted complaint
        return str(complaint)
    return _("%(complaint)s, submitted %(date)s") % {
        "complaint": complaint,
        "date": date_format(timezone.localtime(complaint.submitted_at), "DATE_FORMAT"),
    }


def _office_record_cited(case: Case, action: DecisionAction) -> str:
    """The opinion or decision the platform's decision rests on; an office decision binds the platform."""
    decision = getattr(case, "administrative_decision", None)
    if case.status == CaseStatus.AWAITING_EXECUTION and decision is not None:
        required = DecisionAction.TAKE_DOWN if decision.infringement_established else DecisionAction.REJECT
        if action != required:
            raise ValidationError(
                {
                    "action": ValidationError(
                        _("The office's decision must be executed: %(action)s.") % {"action": required.label},
                        code="conflict",
                    )
                }
            )
        return str(decision)
    opinion = getattr(case, "opinion", None)
    return f"{opinion} ({opinion.get_outcome_display()})" if opinion else ""


def _close_decided_case(case: Case, actor: User) -> None:
    taken_down = case.listings.filter(status=ListingStatus.TAKEN_DOWN).exists()
    case.outcome = CaseOutcome.UPHELD if taken_down else CaseOutcome.NOT_UPHELD
    case.decided_at = timezone.now()
    case_transition(
        case=case,
        action=CaseAction.DECIDED,
        actor=actor,
        note=case.get_outcome_display(),
        refused=_("This case cannot be decided now."),
    )
    if case.mode == HandlingMode.ADMINISTRATIVE:
        # The office's decision is final once executed: no notice-and-takedown steps follow.
        penalty_apply(case_id=case.pk)
    elif taken_down:
        notice_forward(case=case, actor=actor)
    else:
        case_close_rejected(case=case, actor=actor)


@transaction.atomic
def cases_decide_bulk(
    *, case_ids: list[int], actor: User, action: str, reason_code: str, statement: StatementParts
) -> dict[int, str]:
    """Decide every pending listing of each chosen case alike, by the rules of listing_decide, in one
    transaction of a fixed number of queries whatever the number of cases; returns {case id: message}
    for the cases refused, which are left as they were while the others are decided.

    The cases are locked in id order, so two bulk decisions that share cases never wait on each other in
    a cycle. Refused: a case not on the actor's platform, one its status does not let be decided, one with
    no pending listing, one whose office decision requires the other decision; every case when the reason
    code or the statement is refused. Each decided case moves as listing_decide moves it (decided, then the
    notice forwarded or the case closed; an office's decision executed and its penalty applied), each step
    with its audit entry, webhook event, notifications and daily figures.
    """
    wanted = list(dict.fromkeys(case_ids))
    cases = locked_cases_for(
        case_ids=wanted, actor=actor, kind=OrgKind.PLATFORM, related=("opinion", "administrative_decision")
    )
    found = {case.pk for case in cases}
    errors = {pk: _("Not a case on your platform.") for pk in wanted if pk not in found}
    decision = DecisionAction(action)
    decidable = []
    for case in cases:
        if action_allowed_now(case, CaseAction.LISTINGS_DECIDED):
            decidable.append(case)
        elif case.decided_at is not None:
            errors[case.pk] = _("This case has already been decided by someone else. Reload the case.")
        else:
            errors[case.pk] = _("This case cannot be decided now: it is %(status)s.") % {
                "status": case.get_status_display()
            }
    if not decidable:
        return dict(sorted(errors.items()))
    try:
        reason_label, parts = statement_for_decision(
            case=decidable[0], action=decision, reason_code=reason_code, given=statement
        )
    except ValidationError as exc:
        return dict(sorted({**errors, **{case.pk: " ".join(exc.messages) for case in decidable}}.items()))
    pending: dict[int | None, list[Listing]] = {}
    for listing in Listing.objects.filter(case__in=decidable, status=ListingStatus.PENDING).order_by("pk"):
        pending.setdefault(listing.case_id, []).append(listing)
    chosen: list[tuple[Case, list[Listing], str]] = []
    for case in decidable:
        try:
            cited = _office_record_cited(case, decision)
        except ValidationError as exc:
            errors[case.pk] = " ".join(exc.messages)
            continue
        if case.pk not in pending:
            errors[case.pk] = _("Choose listings of this case.")
            continue
        chosen.append((case, pending[case.pk], cited))
    if chosen:
        _decisions_record(
            chosen=chosen,
            actor=actor,
            action=decision,
            reason_code=reason_code,
            reason_label=reason_label,
            statement=parts,
        )
        _close_decided_cases([case for case, _listings, _cited in chosen], actor)
    return dict(sorted(errors.items()))


def _close_decided_cases(cases: list[Case], actor: User) -> None:
    """_close_decided_case for many cases with no listing left pending, one batch per step."""
    taken_down = set(
        Listing.objects.filter(case__in=cases, status=ListingStatus.TAKEN_DOWN)
        .order_by()
        .values_list("case_id", flat=True)
        .distinct()
    )
    now = timezone.now()
    for case in cases:
        case.outcome = CaseOutcome.UPHELD if case.pk in taken_down else CaseOutcome.NOT_UPHELD
        case.decided_at = now
    case_transition_many(
        cases=cases,
        action=CaseAction.DECIDED,
        actor=actor,
        notes={case.pk: case.get_outcome_display() for case in cases},
        fields=["decided_at"],
        refused=_("This case cannot be decided now."),
    )
    administrative = [case for case in cases if case.mode == HandlingMode.ADMINISTRATIVE]
    # The office's decision is final once executed: no notice-and-takedown steps follow.
    for case in administrative:
        penalty_apply(case_id=case.pk)
    notice_and_takedown = [case for case in cases if case.mode != HandlingMode.ADMINISTRATIVE]
    notices_forward(cases=[case for case in notice_and_takedown if case.pk in taken_down], actor=actor)
    cases_close_rejected(
        cases=[case for case in notice_and_takedown if case.pk not in taken_down], actor=actor
    )


@transaction.atomic
def information_request(*, case_id: int, actor: User, question: str) -> InformationRequest:
    """Ask the complainant for more before deciding; the case waits for the answer until its due date."""
    case = locked_case_for(case_id=case_id, actor=actor, kind=OrgKind.PLATFORM)
    if not question.strip():
        raise ValidationError({"question": _("Say what information you need.")})
    due_on = deadline_set(case, settings.IPRGOV_INFORMATION_DAYS)
    case_transition(
        case=case,
        action=CaseAction.INFORMATION_REQUESTED,
        actor=actor,
        note=question.strip(),
        refused=_("Information can only be requested while the case awaits the platform's decision."),
    )
    request = InformationRequest.objects.create(
        case=case, requested_by=actor, question=question.strip(), due_on=due_on
    )
    return request


@transaction.atomic
def information_supply(*, case_id: int, actor: User, answer: str) -> InformationRequest:
    """The complainant answers; the case goes back to the platform with a new deadline."""
    case = locked_case_for(
        case_id=case_id,
        actor=actor,
        kind=OrgKind.RIGHTSHOLDER,
        refused=_("Only the complainant can supply the information."),
    )
    if not answer.strip():
        raise ValidationError({"answer": _("Give the information requested.")})
    deadline_set(case, settings.IPRGOV_PLATFORM_ACTION_DAYS)
    case_transition(
        case=case,
        action=CaseAction.INFORMATION_SUPPLIED,
        actor=actor,
        note=answer.strip(),
        refused=_("No information is requested on this case now."),
    )
    request = case.information_requests.filter(answered_at=None).order_by("-requested_at", "-pk").first()
    if request is None:  # pragma: no cover — the status guarantees an open request
        raise ValidationError(_("No information is requested on this case now."))
    request.answer = answer.strip()
    request.answered_by = actor
    request.answered_at = timezone.now()
    request.save()
    return request
