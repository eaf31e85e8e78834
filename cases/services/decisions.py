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
from audit.services import audit_record_many
from cases.actions import ACTIONS, CaseAction
from cases.models import Case, CaseOutcome, CaseStatus, HandlingMode, InformationRequest, ListingDecision
from cases.services._deadline import deadline_set
from cases.services._scope import locked_case_for
from cases.services.notice_and_takedown import case_close_rejected, notice_forward
from cases.services.penalties import penalty_apply
from cases.services.statement_of_reasons import statement_checked
from cases.transition import action_allowed_now, case_action_require, case_transition
from complaints.models import Listing, ListingStatus
from platforms.models import REASON_CODE_DECISIONS, DecisionAction, Platform, ReasonCode
from platforms.statements import StatementParts, statement_template_for

# The statuses in which listings are decided (the platform console's bulk decisions filter on them).
DECIDABLE = ACTIONS[CaseAction.LISTINGS_DECIDED].allowed_in
LISTING_STATUS_AFTER = {
    DecisionAction.TAKE_DOWN: ListingStatus.TAKEN_DOWN,
    DecisionAction.REJECT: ListingStatus.REJECTED,
}


def _platform_org(actor: User):
    org = actor.organisation
    if org is None or org.kind != OrgKind.PLATFORM:
        raise ValidationError(_("Only platform staff can do this."), code="forbidden")
    return org


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
    notice = _notice_cited(case)
    status_after = LISTING_STATUS_AFTER[action]
    own_label = "" if _is_default_reason(case.platform, reason_code) else reason_label[:200]
    # Every listing decided alike, in a fixed number of statements however many there are: one update of
    # the listings, one insert of the decisions, one of their audit entries per status they came from.
    decisions = [
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
            cites_office_record=cites_office_record,
            legal_ground=statement.legal_ground,
            automated_means=statement.automated_means,
            redress=statement.redress,
        )
        for listing in listings
    ]
    # The decisions differ only by listing, which was read from this case: checking one checks them all.
    decisions[0].full_clean(exclude=["listing", "case", "decided_by"])
    before: dict[str, list[Listing]] = {}
    for listing in listings:
        before.setdefault(listing.status, []).append(listing)
    Listing.objects.filter(pk__in=[listing.pk for listing in listings]).update(status=status_after)
    for listing in listings:
        listing.status = status_after
    ListingDecision.objects.bulk_create(decisions)
    for from_status, decided in before.items():
        audit_record_many(
            actor=actor,
            subjects=list(decided),
            case_id=case.pk,
            action=f"listing_{action}",
            from_status=from_status,
            to_status=status_after,
            note=statement.facts,
        )
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


def cases_decide_bulk(
    *, case_ids: list[int], actor: User, action: str, reason_code: str, statement: StatementParts
) -> dict[int, str]:
    """Decide every pending listing of each chosen case alike. Each case is decided in its own transaction,
    so one refusal does not undo the others; returns {case id: error message} for the refused ones."""
    errors: dict[int, str] = {}
    for case_id in dict.fromkeys(case_ids):
        try:
            listing_ids = list(
                Case.objects.get(pk=case_id, platform__organisation=_platform_org(actor))
                .listings.filter(status=ListingStatus.PENDING)
                .values_list("pk", flat=True)
            )
            listing_decide(
                case_id=case_id,
                listing_ids=listing_ids,
                actor=actor,
                action=action,
                reason_code=reason_code,
                statement=statement,
            )
        except Case.DoesNotExist:
            errors[case_id] = _("Not a case on your platform.")
        except ValidationError as exc:
            errors[case_id] = " ".join(exc.messages)
    return errors


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
