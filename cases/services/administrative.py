"""Administrative handling after consent: acceptance, assignment, hearings and mediation, execution.

The decision itself is `enforcement.services.office.administrative_decision_issue`; the platform executes
it with `platforms.services.listing_decide` and then confirms here, which closes the case.
"""

from datetime import datetime
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.mail import mail_user
from accounts.models import OrgKind, User
from cases.actions import CaseAction
from cases.models import (
    OPEN_STATUSES,
    Assignment,
    Case,
    CaseSession,
    CaseStatus,
    MediationResult,
    SessionKind,
)
from cases.services._deadline import deadline_set
from cases.services._scope import (
    locked_case_for,
    locked_case_of_office,
    require_manager,
)
from cases.services.consent import fallback_apply
from cases.transition import case_action_require, case_transition
from enforcement.models import Office


@transaction.atomic
def case_accept(*, case_id: int, actor: User) -> Case:
    """A manager accepts a consented case; the office then has IPRGOV_ADMINISTRATIVE_DAYS to decide."""
    require_manager(actor)
    case = locked_case_of_office(case_id=case_id, actor=actor)
    case.accepted_at = timezone.now()
    deadline_set(case, settings.IPRGOV_ADMINISTRATIVE_DAYS)
    case_transition(
        case=case,
        action=CaseAction.ACCEPTED,
        actor=actor,
        refused=_("Only a case both parties consented to can be accepted."),
    )
    return case


@transaction.atomic
def case_decline(*, case_id: int, actor: User, reason: str) -> Case:
    """A manager declines a consented case with reasons; it falls back to the assisted or platform mode."""
    require_manager(actor)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reasons for declining.")})
    case = locked_case_of_office(case_id=case_id, actor=actor)
    if case.status != CaseStatus.AWAITING_ACCEPTANCE:
        raise ValidationError(
            _("Only a case both parties consented to can be declined."), code="transition_not_allowed"
        )
    return fallback_apply(
        case,
        actor=actor,
        reason=_("The office declined administrative handling: %(reason)s") % {"reason": reason.strip()},
    )


def officials_of(office: Office) -> list[User]:
    """The office's officials with `open_assignments`: their open assigned cases, fewest first (the suggestion)."""
    return list(
        User.objects.filter(membership__organisation=office.organisation, is_active=True)
        .annotate(
            open_assignments=Count(
                "case_assignments", filter=Q(case_assignments__case__status__in=OPEN_STATUSES), distinct=True
            )
        )
        .order_by("open_assignments", "username", "pk")
    )


def assignment_suggestion(*, office: Office, exclude: set[int] | None = None) -> User | None:
    """The balanced default: the official with the fewest open assigned cases (ties: by username)."""
    for official in officials_of(office):
        if official.pk not in (exclude or set()):
            return official
    return None


@transaction.atomic
def assignment_set(*, case_id: int, actor: User, official_ids: list[int]) -> list[Assignment]:
    """A manager assigns officials of the office to an open administrative case (adds; never duplicates)."""
    office = require_manager(actor)
    case = locked_case_of_office(case_id=case_id, actor=actor)
    case_action_require(
        case=case,
        action=CaseAction.OFFICIALS_ASSIGNED,
        refused=_("Officials are assigned to a case the office is handling."),
    )
    if not official_ids:
        raise ValidationError({"officials": _("Choose at least one official.")})
    officials = list(User.objects.filter(pk__in=official_ids, membership__organisation=office.organisation))
    if len(officials) != len(set(official_ids)):
        raise ValidationError({"officials": _("Choose officials of your office.")})
    already = set(case.assignments.values_list("official_id", flat=True))
    created = [
        Assignment.objects.create(case=case, official=official, assigned_by=actor)
        for official in officials
        if official.pk not in already
    ]
    if created:
        case_transition(
            case=case,
            action=CaseAction.OFFICIALS_ASSIGNED,
            actor=actor,
            note=", ".join(official.get_username() for official in (a.official for a in created)),
        )
        for assignment in created:
            transaction.on_commit(
                partial(mail_user, assignment.official, partial(_assigned_message, case.pk))
            )
    return created


def _assigned_message(case_id: int) -> tuple[str, str]:
    return (
        _("You are the assigned official of case %(number)s") % {"number": case_id},
        _("Open the case in the office console."),
    )


@transaction.atomic
def session_schedule(
    *, case_id: int, actor: User, kind: str, scheduled_for: datetime, location: str
) -> CaseSession:
    """Schedule a hearing or a mediation session on an accepted case; both parties are told."""
    case = locked_case_of_office(case_id=case_id, actor=actor)
    case_action_require(
        case=case,
        action=CaseAction.MEDIATION_SCHEDULED,
        refused=_("Hearings and mediation are scheduled on a case the office has accepted."),
    )
    if scheduled_for <= timezone.now():
        raise ValidationError({"scheduled_for": _("Choose a time in the future.")})
    if not location.strip():
        raise ValidationError({"location": _("Say where it takes place (or how to join).")})
    if kind == SessionKind.MEDIATION and case.sessions.filter(kind=SessionKind.MEDIATION, result="").exists():
        raise ValidationError(
            _("Record the result of the mediation session already scheduled first."), code="conflict"
        )
    session = CaseSession(
        case=case, kind=kind, scheduled_for=scheduled_for, location=location.strip(), scheduled_by=actor
    )
    session.full_clean(exclude=["case", "scheduled_by"])
    session.save()
    case_transition(
        case=case,
        actor=actor,
        action=CaseAction(f"{session.kind}_scheduled"),
        # With its UTC offset: the history is read in other time zones than the one it was written in.
        note=f"{timezone.localtime(scheduled_for).isoformat(timespec='minutes')}, {session.location}",
    )
    return session


@transaction.atomic
def mediation_record(*, session_id: int, actor: User, agreed: bool, text: str) -> CaseSession:
    """Record a mediation's result: an agreement closes the case; a failure leaves it for the decision."""
    session = CaseSession.objects.select_related("case").get(pk=session_id)
    case = locked_case_of_office(case_id=session.case_id, actor=actor)
    session = CaseSession.objects.select_for_update().get(pk=session_id)
    if session.kind != SessionKind.MEDIATION or session.result:
        raise ValidationError(_("This session has no mediation result to record."), code="conflict")
    if not session.has_started():
        raise ValidationError(
            _("The mediation session starts at %(time)s: its result can be recorded once it has started.")
            % {"time": session.starts_at_local},
            code="conflict",
        )
    if not text.strip():
        raise ValidationError(
            {"text": _("Record the terms of the agreement.") if agreed else _("Say why mediation failed.")}
        )
    case_action_require(
        case=case,
        action=CaseAction.MEDIATION_AGREEMENT if agreed else CaseAction.MEDIATION_FAILED,
        refused=_("This case is not being handled by the office now."),
    )
    if agreed:
        case.closed_at = timezone.now()
        case.deadline = None
    case_transition(
        case=case,
        action=CaseAction.MEDIATION_AGREEMENT if agreed else CaseAction.MEDIATION_FAILED,
        actor=actor,
        note=text.strip(),
        refused=_("A mediation agreement can only be recorded on a case the office is handling."),
    )
    session.result = MediationResult.AGREEMENT if agreed else MediationResult.FAILED
    session.result_text = text.strip()
    session.result_recorded_at = timezone.now()
    session.save()
    return session


@transaction.atomic
def execution_confirm(*, case_id: int, actor: User, note: str = "") -> Case:
    """The platform confirms it executed the office's decision; the administrative case closes."""
    case = locked_case_for(case_id=case_id, actor=actor, kind=OrgKind.PLATFORM)
    case.closed_at = timezone.now()
    case.deadline = None
    case_transition(
        case=case,
        action=CaseAction.EXECUTION_CONFIRMED,
        actor=actor,
        note=note.strip(),
        refused=_("Only an executed administrative decision can be confirmed."),
    )
    return case
