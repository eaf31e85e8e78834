"""Cooperation between offices: transfers (移送) of a case and assistance requests (协查).

A transfer is answered by the receiving office; on acceptance the case's office changes, so the case
leaves the first office's docket. An assistance request leaves the case where it is and is answered
in writing by the other office.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from cases.actions import CaseAction
from cases.models import OPEN_STATUSES, AssistanceRequest, Case, RequestStatus, Transfer
from cases.services._scope import locked_case_of_office, office_of_actor
from cases.transition import case_action_require, case_transition
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
    case_action_require(
        case=case, action=CaseAction.TRANSFER_REQUESTED, refused=_("Only an open case can be transferred.")
    )
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
    return transfer


def _locked_incoming[Request: (Transfer, AssistanceRequest)](
    model: type[Request], pk: int, actor: User
) -> Request:
    own = office_of_actor(actor)
    return (
        model._default_manager.select_for_update(of=("self",))
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
    return transfer


@transaction.atomic
def assistance_request(*, case_id: int, actor: User, to_office_id: int, request: str) -> AssistanceRequest:
    """Ask another office for help on an open case (e.g. an investigation in the respondent's region)."""
    own = office_of_actor(actor)
    case = locked_case_of_office(case_id=case_id, actor=actor)
    case_action_require(
        case=case, action=CaseAction.ASSISTANCE_REQUESTED, refused=_("Assistance is asked on an open case.")
    )
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
    return assistance


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
    return assistance
