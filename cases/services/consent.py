"""Consent to administrative handling, and the fallback when it is refused, lapses or the office declines.

An administrative case waits in `awaiting_consent` until both parties consent (then `awaiting_acceptance`).
A refusal, an expired request or the office's refusal to accept sends the case to the assisted mode (a
patent, with an office) or to the platform, with the reason recorded on the case and in the audit trail.
"""

from datetime import datetime
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import OrgKind, User
from accounts.notifications import notify_address, notify_organisation
from cases.actions import CaseAction
from cases.models import Case, CaseStatus, ConsentParty, ConsentRequest, ConsentStatus, HandlingMode
from cases.services._scope import complainant_link, day, office_link, platform_link, site_url
from cases.transition import case_transition
from complaints.models import PATENT_TYPES
from enforcement.working_days import add_working_days


def consent_requests_open(*, case: Case) -> None:
    """Ask both parties for consent; called in the routing transaction with the case locked and routed.

    Asking the office for administrative handling in the complaint is the complainant's written consent.
    """
    due_on = case.deadline or add_working_days(timezone.localdate(), settings.IPRGOV_CONSENT_DAYS)
    requested = case.complaint.requested_administrative
    ConsentRequest.objects.create(
        case=case,
        party=ConsentParty.COMPLAINANT,
        due_on=due_on,
        status=ConsentStatus.GIVEN if requested else ConsentStatus.PENDING,
        answered_at=timezone.now() if requested else None,
        note=_("Requested administrative handling in the complaint.") if requested else "",
    )
    ConsentRequest.objects.create(case=case, party=ConsentParty.RESPONDENT, due_on=due_on)
    from cases.services.notice_and_takedown import respondent_url

    link = site_url(respondent_url(case))
    notify_address(
        address=case.store.contact_email, build=partial(_respondent_message, case.pk, due_on, link)
    )
    if not requested:
        notify_organisation(
            organisation=case.complaint.filed_by_org,
            case_id=case.pk,
            url=complainant_link(case),
            build=partial(_complainant_message, case.pk, due_on),
        )


def _respondent_message(case_id: int, due_on, link: str) -> tuple[str, str]:
    return (
        _("Case %(number)s: do you consent to administrative handling by the IPR office?")
        % {"number": case_id},
        _(
            "A complaint against listings of your store is to be handled by the IPR office, which needs your "
            "consent. Answer by %(date)s on this page:\n\n%(link)s\n\nWithout your consent the platform handles "
            "the complaint."
        )
        % {"date": day(due_on), "link": link},
    )


def _complainant_message(case_id: int, due_on) -> tuple[str, str]:
    return (
        _("Case %(number)s: consent to administrative handling requested") % {"number": case_id},
        _("Give or refuse your consent on the case page by %(date)s.") % {"date": day(due_on)},
    )


def _locked(case_id: int) -> Case:
    return (
        Case.objects.select_for_update(of=("self",))
        .select_related(
            "office__organisation", "complaint__right", "complaint__filed_by_org", "platform__organisation"
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
    return _answer(case, ConsentParty.COMPLAINANT, consent=consent, reason=reason, actor=actor, name="")


@transaction.atomic
def consent_answer_respondent(*, case_id: int, consent: bool, name: str, reason: str = "") -> ConsentRequest:
    """The respondent's answer through its signed link (the caller checked the token)."""
    if not name.strip():
        raise ValidationError({"name": _("Give your name or your store's name.")})
    case = _locked(case_id)
    return _answer(
        case, ConsentParty.RESPONDENT, consent=consent, reason=reason, actor=None, name=name.strip()
    )


def _answer(
    case: Case, party: str, *, consent: bool, reason: str, actor: User | None, name: str
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
    request.answered_by = actor
    request.answered_by_name = name[:200]
    request.note = reason.strip()
    request.save()
    label = name if actor is None else ""
    case_transition(
        case=case,
        actor=actor,
        actor_label=label,
        action=CaseAction(f"consent_{request.status}"),
        note=f"{request.get_party_display()}: {request.note}".strip(": "),
    )
    if not consent:
        fallback_apply(
            case,
            actor=actor,
            actor_label=label,
            reason=_("The %(party)s refused administrative handling: %(reason)s")
            % {"party": request.get_party_display().lower(), "reason": request.note},
        )
    elif not case.consents.exclude(status=ConsentStatus.GIVEN).exists():
        _consent_complete(case, actor=actor, actor_label=label)
    return request


def _consent_complete(case: Case, *, actor: User | None, actor_label: str) -> None:
    case.deadline = add_working_days(timezone.localdate(), settings.IPRGOV_ACCEPTANCE_DAYS)
    case_transition(
        case=case,
        action=CaseAction.CONSENT_COMPLETE,
        actor=actor,
        actor_label=actor_label,
        note=_("Both parties consented."),
        refused=_("Consent is not being asked on this case now."),
    )
    notify_organisation(
        organisation=case.office.organisation,
        case_id=case.pk,
        url=office_link(case),
        build=partial(_consented_message, case.pk, case.deadline),
    )


def _consented_message(case_id: int, deadline) -> tuple[str, str]:
    return (
        _("Case %(number)s: both parties consent to administrative handling") % {"number": case_id},
        _("Accept or decline the case by %(date)s.") % {"date": day(deadline)},
    )


def fallback_mode(case: Case) -> HandlingMode:
    """The rule for a failed administrative route: an office's opinion for a patent, else the platform alone."""
    if case.office_id is not None and case.complaint.right.right_type in PATENT_TYPES:
        return HandlingMode.ASSISTED
    return HandlingMode.PLATFORM


def fallback_apply(case: Case, *, actor: User | None, reason: str, actor_label: str = "") -> Case:
    """Move a locked case from consent or acceptance to its fallback mode, recording why."""
    mode = fallback_mode(case)
    days = (
        case.office.opinion_deadline_days
        if mode == HandlingMode.ASSISTED
        else settings.IPRGOV_PLATFORM_ACTION_DAYS
    )
    case.deadline = add_working_days(timezone.localdate(), days)
    case.mode = mode
    case.fallback_reason = _("%(reason)s The case goes to: %(mode)s.") % {
        "reason": reason,
        "mode": mode.label,
    }
    case_transition(
        case=case,
        action=CaseAction.FALLBACK,
        actor=actor,
        actor_label=actor_label,
        args=(mode,),
        note=case.fallback_reason,
        refused=_("Only a case awaiting consent or acceptance can fall back."),
    )
    if mode == HandlingMode.ASSISTED:
        organisation, url = case.office.organisation, office_link(case)
    else:
        organisation, url = case.platform.organisation, platform_link(case)
    notify_organisation(
        organisation=organisation,
        case_id=case.pk,
        url=url,
        build=partial(_fallback_message, case.pk, mode.label, case.deadline),
    )
    notify_organisation(
        organisation=case.complaint.filed_by_org,
        case_id=case.pk,
        url=complainant_link(case),
        email=False,
        build=partial(_fallback_message, case.pk, mode.label, case.deadline),
    )
    return case


def _fallback_message(case_id: int, mode_label, deadline) -> tuple[str, str]:
    return (
        _("Case %(number)s is not handled administratively") % {"number": case_id},
        _("It goes to: %(mode)s. Next deadline: %(date)s.") % {"mode": mode_label, "date": day(deadline)},
    )


@transaction.atomic
def case_consent_fallback(*, case_id: int, reason: str, actor: User | None = None) -> Case:
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
        actor=None,
        reason=_("No consent in time from: %(parties)s.") % {"parties": parties},
    )
    return True
