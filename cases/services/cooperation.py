"""Cooperation between offices: transfers (移送) of a case and assistance requests (协查).

A transfer is answered by the receiving office; on acceptance the case's office changes, so the case
leaves the first office's docket. An assistance request leaves the case where it is and is answered
in writing by the other office.
"""

from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.notifications import notify_organisation
from cases.actions import CaseAction
from cases.models import OPEN_STATUSES, AssistanceRequest, Case, RequestStatus, Transfer
from cases.services._scope import day, locked_case_of_office, office_link, office_of_actor
from cases.transition import case_transition
from enforcement.models import Office
from enforcement.working_days import add_working_days

DASHBOARD = "enforcement:dashboard"


def _other_office(office_id: int, own: Office) -> Office:
    try:
        other = Office.objects.select_related("organisation").get(pk=office_id)
    except Office.DoesNotExist as exc:
        raise ValidationError({"to_office": _("Choose an office.")}) from exc
    if other.pk == own.pk:
        raise ValidationError({"to_office": _("Choose another office than your own.")})
    return other


@transaction.atomic
def transfer_request(*, case_id: int, actor: User, to_office_id: int, reason: str) -> Transfer:
    """Ask another office to take over an open case of the actor's office."""
    own = office_of_actor(actor)
    case = locked_case_of_office(case_id=case_id, actor=actor)
    if case.status not in OPEN_STATUSES:
        raise ValidationError(_("Only an open case can be transferred."), code="transition_not_allowed")
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reasons for the transfer.")})
    other = _other_office(to_office_id, own)
    if case.transfers.filter(status=RequestStatus.PENDING).exists():
        raise ValidationError(_("A transfer of this case is already awaiting an answer."), code="conflict")
    try:
        with transaction.atomic():
            transfer = Transfer.objects.create(
                case=case, from_office=own, to_office=other, reason=reason.strip(), requested_by=actor
            )
    except IntegrityError as exc:  # pragma: no cover — a concurrent request; the lock makes it rare
        raise ValidationError(
            _("A transfer of this case is already awaiting an answer."), code="conflict"
        ) from exc
    case_transition(
        case=case, actor=actor, action=CaseAction.TRANSFER_REQUESTED, note=f"{other.name}: {transfer.reason}"
    )
    notify_organisation(
        organisation=other.organisation,
        case_id=case.pk,
        url=reverse(DASHBOARD),
        build=partial(_transfer_message, case.pk, own.name),
    )
    return transfer


def _transfer_message(case_id: int, office_name: str) -> tuple[str, str]:
    return (
        _("Transfer of case %(number)s requested") % {"number": case_id},
        _("%(office)s asks your office to take over the case. Accept or decline it on the dashboard.")
        % {"office": office_name},
    )


def _locked_incoming(model: type, pk: int, actor: User):
    own = office_of_actor(actor)
    return (
        model.objects.select_for_update(of=("self",))
        .select_related("from_office__organisation", "to_office__organisation")
        .get(pk=pk, to_office=own)
    )


@transaction.atomic
def transfer_answer(*, transfer_id: int, actor: User, accept: bool, reason: str = "") -> Transfer:
    """The receiving office accepts (the case becomes its case) or declines with reasons."""
    transfer = _locked_incoming(Transfer, transfer_id, actor)
    if transfer.status != RequestStatus.PENDING:
        raise ValidationError(_("This transfer has already been answered."), code="conflict")
    if not accept and not reason.strip():
        raise ValidationError({"reason": _("Give the reasons for declining.")})
    case = Case.objects.select_for_update(of=("self",)).get(pk=transfer.case_id)
    if accept and (case.office_id != transfer.from_office_id or case.status not in OPEN_STATUSES):
        raise ValidationError(
            _("The case has moved on; this transfer can only be declined."), code="conflict"
        )
    transfer.status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
    transfer.answered_by = actor
    transfer.answered_at = timezone.now()
    transfer.answer_reason = reason.strip()
    transfer.save()
    if accept:
        case.office = transfer.to_office
        case.save(update_fields=["office"])
    case_transition(
        case=case,
        actor=actor,
        action=CaseAction.TRANSFER_ACCEPTED if accept else CaseAction.TRANSFER_DECLINED,
        note=f"{transfer.from_office.name} → {transfer.to_office.name}. {transfer.answer_reason}".strip(),
    )
    notify_organisation(
        organisation=transfer.from_office.organisation,
        case_id=case.pk,
        url=reverse(DASHBOARD) if accept else office_link(case),
        build=partial(
            _transfer_answer_message, case.pk, transfer.to_office.name, accept, transfer.answer_reason
        ),
    )
    return transfer


def _transfer_answer_message(case_id: int, office_name: str, accepted: bool, reason: str) -> tuple[str, str]:
    if accepted:
        return (
            _("Transfer of case %(number)s accepted") % {"number": case_id},
            _("%(office)s now handles the case.") % {"office": office_name},
        )
    return (
        _("Transfer of case %(number)s declined") % {"number": case_id},
        _("%(office)s declined: %(reason)s") % {"office": office_name, "reason": reason},
    )


@transaction.atomic
def assistance_request(*, case_id: int, actor: User, to_office_id: int, request: str) -> AssistanceRequest:
    """Ask another office for help on an open case (e.g. an investigation in the respondent's region)."""
    own = office_of_actor(actor)
    case = locked_case_of_office(case_id=case_id, actor=actor)
    if case.status not in OPEN_STATUSES:
        raise ValidationError(_("Assistance is asked on an open case."), code="transition_not_allowed")
    if not request.strip():
        raise ValidationError({"request": _("Say what you ask the other office to do.")})
    other = _other_office(to_office_id, own)
    assistance = AssistanceRequest.objects.create(
        case=case,
        from_office=own,
        to_office=other,
        request=request.strip(),
        requested_by=actor,
        due_on=add_working_days(timezone.localdate(), settings.IPRGOV_ASSISTANCE_DAYS),
    )
    case_transition(
        case=case,
        actor=actor,
        action=CaseAction.ASSISTANCE_REQUESTED,
        note=f"{other.name}: {assistance.request}",
    )
    notify_organisation(
        organisation=other.organisation,
        case_id=case.pk,
        url=reverse(DASHBOARD),
        build=partial(_assistance_message, case.pk, own.name, assistance.due_on),
    )
    return assistance


def _assistance_message(case_id: int, office_name: str, due_on) -> tuple[str, str]:
    return (
        _("Assistance requested on case %(number)s") % {"number": case_id},
        _("%(office)s asks your office for assistance; answer by %(date)s on the dashboard.")
        % {"office": office_name, "date": day(due_on)},
    )


@transaction.atomic
def assistance_answer(
    *, request_id: int, actor: User, answer: str, declined: bool = False
) -> AssistanceRequest:
    """The asked office answers (or declines with reasons); the asking office sees it on the case."""
    assistance = _locked_incoming(AssistanceRequest, request_id, actor)
    if assistance.status != RequestStatus.PENDING:
        raise ValidationError(_("This request has already been answered."), code="conflict")
    if not answer.strip():
        raise ValidationError({"answer": _("Write the answer (or the reasons for declining).")})
    assistance.status = RequestStatus.DECLINED if declined else RequestStatus.ANSWERED
    assistance.answer = answer.strip()
    assistance.answered_by = actor
    assistance.answered_at = timezone.now()
    assistance.save()
    case = Case.objects.get(pk=assistance.case_id)
    case_transition(
        case=case,
        actor=actor,
        action=CaseAction(f"assistance_{assistance.status}"),
        note=f"{assistance.to_office.name}: {assistance.answer}",
    )
    notify_organisation(
        organisation=assistance.from_office.organisation,
        case_id=case.pk,
        url=office_link(case),
        build=partial(_assistance_answer_message, case.pk, assistance.to_office.name),
    )
    return assistance


def _assistance_answer_message(case_id: int, office_name: str) -> tuple[str, str]:
    return (
        _("Assistance on case %(number)s answered") % {"number": case_id},
        _("%(office)s answered your request; read it on the case page.") % {"office": office_name},
    )
