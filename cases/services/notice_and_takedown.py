"""Notice and takedown after the decision (E-Commerce Law arts. 42–45).

decided -> notice forwarded to the respondent -> counter-notice received -> counter-notice forwarded
to the complainant (window open) -> the complainant shows a complaint to an office or court (measures
stand) or the window expires (measures lifted) -> closed. Withdrawal at any open step lifts the measures.
Every move goes through the Case state machine and writes an audit entry in the same transaction.
"""

from collections.abc import Iterable
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import OrgKind, User
from audit.actors import SYSTEM, Actor, Respondent
from audit.services import audit_record
from cases.actions import CaseAction
from cases.models import Case, CaseStatus, CounterNotice, CounterNoticeEvidence
from cases.services._deadline import deadline_set, deadlines_set
from cases.services._scope import locked_case_for, locked_cases_for
from cases.services.penalties import penalty_apply
from cases.transition import action_allowed_now, case_transition, case_transition_many
from complaints.models import ListingStatus
from iprgov.day_count import DayCount

# Helpers ---------------------------------------------------------------------------------------------


def listings_restore(case: Case, *, actor: Actor, note: str) -> int:
    """Lift the measures: every taken-down listing of the case is restored, each with an audit entry."""
    restored = 0
    for listing in case.listings.filter(status=ListingStatus.TAKEN_DOWN).order_by("pk"):
        listing.status = ListingStatus.RESTORED
        listing.save(update_fields=["status"])
        audit_record(
            actor=actor,
            subject=listing,
            case_id=case.pk,
            action="listing_restored",
            from_status=ListingStatus.TAKEN_DOWN,
            to_status=ListingStatus.RESTORED,
            note=note,
        )
        restored += 1
    return restored


# Steps -----------------------------------------------------------------------------------------------


def notice_forward(*, case: Case, actor: User) -> None:
    """decided (measures taken) -> notice forwarded; the store's contact gets the signed link.

    Called inside the decision's transaction with the case locked.
    """
    case.notice_forwarded_at = timezone.now()
    deadline = deadline_set(case, settings.IPRGOV_COUNTER_NOTICE_DAYS)
    case_transition(
        case=case,
        actor=actor,
        action=CaseAction.NOTICE_FORWARDED,
        note=_notice_note(deadline),
        refused=_("The notice can only be forwarded once measures were taken."),
    )


def notices_forward(*, cases: list[Case], actor: User) -> None:
    """notice_forward for many locked cases, in one batch (case_transition_many)."""
    if not cases:
        return
    now = timezone.now()
    for case in cases:
        case.notice_forwarded_at = now
    deadline = deadlines_set(cases, settings.IPRGOV_COUNTER_NOTICE_DAYS)
    case_transition_many(
        cases=cases,
        actor=actor,
        action=CaseAction.NOTICE_FORWARDED,
        notes=dict.fromkeys((case.pk for case in cases), _notice_note(deadline)),
        fields=["notice_forwarded_at", "deadline", "deadline_counts"],
        refused=_("The notice can only be forwarded once measures were taken."),
    )


def _notice_note(deadline: date) -> str:
    return _("Counter-notice possible until %(date)s.") % {"date": deadline.isoformat()}


def case_close_rejected(*, case: Case, actor: User) -> None:
    """decided (every listing rejected) -> closed. Called inside the decision's transaction."""
    case.closed_at = timezone.now()
    case_transition(
        case=case,
        actor=actor,
        action=CaseAction.CLOSED_REJECTED,
        refused=_("Only a case rejected for every listing closes this way."),
    )


def cases_close_rejected(*, cases: list[Case], actor: User) -> None:
    """case_close_rejected for many locked cases, in one batch (case_transition_many)."""
    now = timezone.now()
    for case in cases:
        case.closed_at = now
    case_transition_many(
        cases=cases,
        actor=actor,
        action=CaseAction.CLOSED_REJECTED,
        fields=["closed_at"],
        refused=_("Only a case rejected for every listing closes this way."),
    )


@transaction.atomic
def counter_notice_file(
    *,
    case_id: int,
    respondent_name: str,
    contact_email: str,
    statement: str,
    declaration: bool,
    evidence: Iterable[UploadedFile] = (),
) -> CounterNotice:
    """The respondent (through a verified link) files a counter-notice; the platform must forward it.

    Recorded as the case's store acting; `respondent_name`, as typed, is kept as the name given.
    Uploads must already have passed complaints.uploads.checked_upload.
    """
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("platform__organisation", "store")
        .get(pk=case_id)
    )
    errors: dict[str, list[str]] = {}
    if not statement.strip():
        errors["statement"] = [_("Explain why the listings do not infringe.")]
    if not respondent_name.strip():
        errors["respondent_name"] = [_("Give your name or your store's name.")]
    if not declaration:
        errors["declaration"] = [
            _("You must declare that the counter-notice is accurate and made in good faith.")
        ]
    if errors:
        raise ValidationError(errors)
    deadline_set(case, settings.IPRGOV_PLATFORM_ACTION_DAYS)
    case_transition(
        case=case,
        actor=Respondent(store=case.store, name_given=respondent_name.strip()),
        action=CaseAction.COUNTER_NOTICE_RECEIVED,
        note=statement.strip(),
        refused=_("A counter-notice can no longer be filed on this case: it is %(status)s.")
        % {"status": case.get_status_display()},
    )
    notice = CounterNotice(
        case=case,
        respondent_name=respondent_name.strip(),
        contact_email=contact_email.strip(),
        statement=statement.strip(),
        declaration=True,
    )
    notice.full_clean(exclude=["case"])
    notice.save()
    for upload in evidence:
        CounterNoticeEvidence.objects.create(
            counter_notice=notice,
            file=upload,
            original_name=str(getattr(upload, "original_name", upload.name))[:255],
        )
    return notice


@transaction.atomic
def counter_notice_forward(*, case_id: int, actor: User) -> Case:
    """counter-notice received -> window open: the complainant has the platform's window to act."""
    case = locked_case_for(case_id=case_id, actor=actor, kind=OrgKind.PLATFORM)
    return counter_notices_forward(cases=[case], actor=actor, refused=_counter_notice_refused(case))[0]


@transaction.atomic
def counter_notices_forward_bulk(*, case_ids: list[int], actor: User) -> dict[int, str]:
    """Forward the counter-notice of each chosen case, in one transaction of a fixed number of queries;
    the cases are locked in id order. A case not on the actor's platform or with no counter-notice to
    forward is left as it was; returns {case id: message} for those."""
    wanted = list(dict.fromkeys(case_ids))
    cases = locked_cases_for(case_ids=wanted, actor=actor, kind=OrgKind.PLATFORM)
    found = {case.pk for case in cases}
    errors = {pk: _("Not a case on your platform.") for pk in wanted if pk not in found}
    ready = []
    for case in cases:
        if action_allowed_now(case, CaseAction.COUNTER_NOTICE_FORWARDED):
            ready.append(case)
        else:
            errors[case.pk] = _counter_notice_refused(case)
    counter_notices_forward(cases=ready, actor=actor)
    return dict(sorted(errors.items()))


def counter_notices_forward(*, cases: list[Case], actor: User, refused: str = "") -> list[Case]:
    """counter-notice received -> window open for locked cases of one platform, in one batch: the
    complainant has the platform's window to act."""
    if not cases:
        return []
    CounterNotice.objects.filter(case__in=cases).update(forwarded_at=timezone.now())
    platform = cases[0].platform
    counts = DayCount(platform.counter_notice_window_counts)
    deadline = deadlines_set(cases, platform.counter_notice_window_days, counts)
    note = _("Window open until %(date)s (%(days)d %(counts)s).") % {
        "date": deadline.isoformat(),
        "days": platform.counter_notice_window_days,
        "counts": counts.label,
    }
    return case_transition_many(
        cases=cases,
        actor=actor,
        action=CaseAction.COUNTER_NOTICE_FORWARDED,
        notes=dict.fromkeys((case.pk for case in cases), note),
        fields=["deadline", "deadline_counts"],
        refused=refused,
    )


def _counter_notice_refused(case: Case) -> str:
    return _("There is no counter-notice to forward on this case: it is %(status)s.") % {
        "status": case.get_status_display()
    }


@transaction.atomic
def follow_up_record(*, case_id: int, actor: User, reference: str, linked_case_id: int | None = None) -> Case:
    """window open -> closed, measures stand: the complainant shows a complaint to an office or court."""
    case = locked_case_for(case_id=case_id, actor=actor, kind=OrgKind.RIGHTSHOLDER)
    if not reference.strip():
        raise ValidationError(
            {"reference": _("Name the office or court and the reference of your complaint.")}
        )
    linked = None
    if linked_case_id:
        linked = (
            Case.objects.filter(pk=linked_case_id, complaint__filed_by_org=case.complaint.filed_by_org)
            .exclude(pk=case.pk)
            .first()
        )
        if linked is None:
            raise ValidationError({"linked_case": _("Choose one of your own cases.")})
    case.follow_up_reference = reference.strip()
    case.follow_up_case = linked
    case.closed_at = timezone.now()
    case.deadline = None
    case_transition(
        case=case,
        actor=actor,
        action=CaseAction.FOLLOW_UP_FILED,
        note=case.follow_up_reference,
        refused=_("The window for this case is not open: it is %(status)s.")
        % {"status": case.get_status_display()},
    )
    penalty_apply(case_id=case.pk)
    return case


@transaction.atomic
def case_withdraw(*, case_id: int, actor: User, reason: str = "") -> Case:
    """The complainant withdraws one case at any open step; measures already taken are lifted."""
    case = locked_case_for(
        case_id=case_id,
        actor=actor,
        kind=OrgKind.RIGHTSHOLDER,
        refused=_("Only the complainant can withdraw a case."),
    )
    case.closed_at = timezone.now()
    case.deadline = None
    case_transition(
        case=case,
        actor=actor,
        action=CaseAction.WITHDRAWN,
        note=reason.strip(),
        refused=_("This case can no longer be withdrawn: it is %(status)s.")
        % {"status": case.get_status_display()},
    )
    listings_restore(case, actor=actor, note=_("The complainant withdrew the complaint."))
    return case


# Run by the deadline job ----------------------------------------------------------------------------


@transaction.atomic
def case_lift_measures(*, case_id: int, now: datetime | None = None) -> bool:
    """window open and past its last day -> closed, listings restored. False when there is nothing to do."""
    today = timezone.localdate(now or timezone.now())
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("platform__organisation", "store")
        .get(pk=case_id)
    )
    if case.status != CaseStatus.WINDOW_OPEN or case.deadline is None or case.deadline >= today:
        return False
    case.closed_at = now or timezone.now()
    case_transition(
        case=case,
        actor=SYSTEM,
        action=CaseAction.MEASURES_LIFTED,
        note=_("No office or court complaint shown by %(date)s.") % {"date": case.deadline.isoformat()},
    )
    listings_restore(case, actor=SYSTEM, note=_("The counter-notice window expired."))
    return True


@transaction.atomic
def case_close_without_counter_notice(*, case_id: int, now: datetime | None = None) -> bool:
    """notice forwarded and no counter-notice by the deadline -> closed, the measures stand."""
    today = timezone.localdate(now or timezone.now())
    case = Case.objects.select_for_update(of=("self",)).get(pk=case_id)
    if case.status != CaseStatus.NOTICE_FORWARDED or case.deadline is None or case.deadline >= today:
        return False
    case.closed_at = now or timezone.now()
    case_transition(case=case, actor=SYSTEM, action=CaseAction.CLOSED_WITHOUT_COUNTER_NOTICE)
    penalty_apply(case_id=case.pk)
    return True


@transaction.atomic
def information_lapse(*, case_id: int, now: datetime | None = None) -> bool:
    """information requested and not supplied by its due date -> closed."""
    today = timezone.localdate(now or timezone.now())
    case = (
        Case.objects.select_for_update(of=("self",)).select_related("platform__organisation").get(pk=case_id)
    )
    if case.status != CaseStatus.INFORMATION_REQUESTED or case.deadline is None or case.deadline >= today:
        return False
    case.closed_at = now or timezone.now()
    case_transition(case=case, actor=SYSTEM, action=CaseAction.INFORMATION_LAPSED)
    return True
