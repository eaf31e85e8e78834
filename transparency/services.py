"""Writes of the public register: a complainant asks for an entry to be withheld, an operator decides."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import OrgKind, User
from audit.services import audit_record
from cases.models import Case
from transparency.models import WithholdingRequest, WithholdingStatus


@transaction.atomic
def withholding_request(*, case_id: int, actor: User, reason: str) -> WithholdingRequest:
    """The complainant of the case asks for its register entry to be withheld; Case.DoesNotExist for a
    case that is not the actor's organisation's complaint's."""
    org = actor.organisation
    if org is None or org.kind != OrgKind.RIGHTSHOLDER:
        raise ValidationError(_("Only the complainant can ask for this."), code="forbidden")
    case = Case.objects.get(pk=case_id, complaint__filed_by_org=org)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the entry should be withheld.")})
    try:
        with transaction.atomic():
            request = WithholdingRequest.objects.create(case=case, requested_by=actor, reason=reason.strip())
    except IntegrityError as exc:
        raise ValidationError(
            _("A request for this case already awaits an operator."), code="conflict"
        ) from exc
    audit_record(
        actor=actor,
        subject=request,
        action="register_withholding_requested",
        note=request.reason,
        case_id=case.pk,
    )
    return request


@transaction.atomic
def withholding_decide(*, request_id: int, actor: User, approve: bool) -> WithholdingRequest:
    """An operator approves (the entry leaves the register) or refuses a pending request."""
    if not actor.is_staff:
        raise ValidationError(_("Only an operator can decide this."), code="forbidden")
    request = WithholdingRequest.objects.select_for_update().get(pk=request_id)
    if request.status != WithholdingStatus.PENDING:
        raise ValidationError(_("This request was decided already."), code="conflict")
    request.status = WithholdingStatus.APPROVED if approve else WithholdingStatus.REFUSED
    request.decided_by, request.decided_at = actor, timezone.now()
    request.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(
        actor=actor,
        subject=request,
        action="register_withholding_approved" if approve else "register_withholding_refused",
        from_status=WithholdingStatus.PENDING,
        to_status=request.status,
        case_id=request.case_id,
    )
    return request
