"""Consent to administrative handling, and the fallback when it is refused, lapses or the office declines.

An administrative case waits in `awaiting_consent` until both parties consent (then `awaiting_acceptance`).
A refusal, an expired request or the office's refusal to accept sends the case to the assisted mode (a
patent, with an office) or to the platform, with the reason recorded on the case and in the audit trail.
"""

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import OrgKind, User
from audit.actors import SYSTEM, Actor, Respondent
from cases.actions import CaseAction
from cases.models import Case, CaseStatus, ConsentParty, ConsentRequest, ConsentStatus, HandlingMode
from cases.services._deadline import deadline_set
from cases.transition import case_transition
from complaints.models import PATENT_TYPES
from enforcement.working_days import add_working_days


def consent_requests_open(*, case: Case) -> None:
    """Ask both parties for consent; called in the routing transaction with the case locked and routed.

    Asking the office for administrative handling in the complaint is the complainant's written consent.
    """
    consent_requests_open_many(cases=[case])


def consent_requests_open_many(*, cases: list[Case]) -> None:
    """consent_requests_open for many cases, in one insert."""
    if not cases:
        return
    now = timezone.now()
    requests = []
    for case in cases:
        due_on = case.deadline or add_working_days(timezone.localdate(now), settings.IPRGOV_CONSENT_DAYS)
        requested = case.complaint.requested_administrative
        requests += [
            ConsentRequest(
                case=case,
                party=ConsentParty.COMPLAINANT,
                due_on=due_on,
                status=ConsentStatus.GIVEN if requested else ConsentStatus.PENDING,
                answered_at=now if requested else None,
                note=_("Requested administrative handling in the complaint.") if requested else "",
            ),
            ConsentRequest(case=case, party=ConsentParty.RESPONDENT, due_on=due_on),
        ]
    ConsentRequest.objects.bulk_create(requests)


def _locked(case_id: int) -> Case:
    return (
        Case.objects.select_for_update(of=("self",))
        .select_related(
            "office__organisation",
            "complaint__right",
            "complaint__filed_by_org",
            "platform__organisation",
            "store",
        )
        .get(pk=case_id)
    )


@transaction.atomic
def consent_answer_complainant(
    *, case_id: int, actor: User, consent: bool, reason: str = ""
) -> ConsentRequest:
    """The complainant's answer, from the portal; the case must be one of its organisation's complaints."""
    org = actor.organisation
    if org is None or org.kind != OrgKind.RIGHTSHOLDER:
        raise ValidationError(_("Only the complainant can answer this."), code="forbidden")
    case = _locked(case_id)
    if case.complaint.filed_by_org_id != org.pk:
        raise Case.DoesNotExist
    return _answer(case, ConsentParty.COMPLAINANT, consent=consent, reason=reason, actor=actor)


@transaction.atomic
def consent_answer_respondent(*, case_id: int, consent: bool, name: str, reason: str = "") -> ConsentRequest:
    """The respondent's answer through its signed link (the caller checked the token).

    Recorded as the case's store acting; `name`, as typed, is kept as the name given, never as who acted.
    """
    if not name.strip():
        raise ValidationError({"name": _("Give your name or your store's name.")})
    case = _locked(case_id)
    return _answer(
        case,
        ConsentParty.RESPONDENT,
        consent=consent,
        reason=reason,
        actor=Respondent(store=case.store, name_given=name.strip()),
    )


def _answer(
    case: Case, party: str, *, consent: bool, reason: str, actor: User | Respondent
) -> ConsentRequest:
    request = ConsentRequest.objects.select_for_update().filter(case=case, party=party).first()
    if (
        case.status != CaseStatus.AWAITING_CONSENT
        or request is None
        or request.status != ConsentStatus.PENDING
    ):
        raise ValidationError(
            _("Consent is not being asked on this case now."), code="transition_not_allowed"
        )
    if not consent and not reason.strip():
        raise ValidationError({"reason": _("Say why you refuse.")})
    request.status = ConsentStatus.GIVEN if consent else ConsentStatus.REFUSED
    request.answered_at = timezone.now()
    request.answered_by = actor if isinstance(actor, User) else None
    request.answered_by_name = actor.name_given[:200] if isinstance(actor, Respondent) else ""
    request.note = reason.strip()
    request.save()
    case_transition(
        case=case,
        actor=actor,
        action=CaseAction(f"consent_{request.status}"),
        note=f"{request.get_party_display()}: {request.note}".strip(": "),
    )
    if not consent:
        fallback_apply(
            case,
            actor=actor,
            reason=_("The %(party)s refused administrative handling: %(reason)s")
            % {"party": request.get_party_display().lower(), "reason": request.note},
        )
    elif not case.consents.exclude(status=ConsentStatus.GIVEN).exists():
        _consent_complete(case, actor=actor)
    return request


def _consent_complete(case: Case, *, actor: Actor) -> None:
    deadline_set(case, settings.IPRGOV_ACCEPTANCE_DAYS)
    case_transition(
        case=case,
        action=CaseAction.CONSENT_COMPLETE,
        actor=actor,
        note=_("Both parties consented."),
        refused=_("Consent is not being asked on this case now."),
    )


def fallback_mode(case: Case) -> HandlingMode:
    """The rule for a failed administrative route: an office's opinion for a patent, else the platform alone."""
    if case.office_id is not None and case.complaint.right.right_type in PATENT_TYPES:
        return HandlingMode.ASSISTED
    return HandlingMode.PLATFORM


def fallback_apply(case: Case, *, actor: Actor, reason: str) -> Case:
    """Move a locked case from consent or acceptance to its fallback mode, recording why."""
    mode = fallback_mode(case)
    days = (
        case.office.opinion_deadline_days
        if mode == HandlingMode.ASSISTED and case.office is not None
        else settings.IPRGOV_PLATFORM_ACTION_DAYS
    )
    deadline_set(case, days)
    case.mode = mode
    case.fallback_reason = _("%(reason)s The case goes to: %(mode)s.") % {
        "reason": reason,
        "mode": mode.label,
    }
    case_transition(
        case=case,
        action=CaseAction.FALLBACK,
        actor=actor,
        args=(mode,),
        note=case.fallback_reason,
        refused=_("Only a case awaiting consent or acceptance can fall back."),
    )
    return case


@transaction.atomic
def case_consent_fallback(*, case_id: int, reason: str, actor: Actor = SYSTEM) -> Case:
    """Re-route a case awaiting consent or acceptance to its fallback mode with a recorded reason."""
    return fallback_apply(_locked(case_id), actor=actor, reason=reason)


@transaction.atomic
def consents_expire(*, case_id: int, now: datetime | None = None) -> bool:
    """Deadline job: a case whose consent requests lapsed falls back; False if nothing was due (idempotent)."""
    today = timezone.localdate(now or timezone.now())
    case = _locked(case_id)
    if case.status != CaseStatus.AWAITING_CONSENT:
        return False
    lapsed = list(case.consents.filter(status=ConsentStatus.PENDING, due_on__lt=today))
    if not lapsed:
        return False
    for request in lapsed:
        request.status = ConsentStatus.EXPIRED
        request.save(update_fields=["status"])
    parties = ", ".join(str(request.get_party_display()).lower() for request in lapsed)
    fallback_apply(
        case,
        actor=SYSTEM,
        reason=_("No consent in time from: %(parties)s.") % {"parties": parties},
    )
    return True
