"""Withdrawal: the complainant withdraws one case, or a whole complaint with every case still open."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import OrgKind, User
from audit.services import audit_record
from cases.models import OPEN_STATUSES, Case
from cases.services.notice_and_takedown import case_withdraw
from complaints.models import Complaint
from iprgov.transitions import readable_transition


@transaction.atomic
def complaint_withdraw(*, complaint_id: int, actor: User, reason: str = "") -> Complaint:
    """Draft or submitted -> withdrawn; every case of the complaint still open is withdrawn with it."""
    org = actor.organisation
    if org is None or org.kind != OrgKind.RIGHTSHOLDER:
        raise ValidationError(_("Only the complainant can withdraw a complaint."), code="forbidden")
    complaint = Complaint.objects.select_for_update().get(pk=complaint_id, filed_by_org=org)
    before = complaint.status
    with readable_transition(_("This complaint is already withdrawn.")):
        complaint.withdraw()
    complaint.save()
    audit_record(
        actor=actor,
        subject=complaint,
        action="complaint_withdrawn",
        from_status=before,
        to_status=complaint.status,
        note=reason.strip(),
    )
    cases_withdraw_for_complaint(complaint_id=complaint.pk, actor=actor, reason=reason.strip())
    return complaint


def cases_withdraw_for_complaint(*, complaint_id: int, actor: User, reason: str = "") -> list[int]:
    """Withdraw every open case of a complaint, one by one as case_withdraw does (measures lifted, parties
    told); decided and closed cases keep their outcome. Returns the ids withdrawn.

    The caller holds the complaint, scoped to the actor's organisation, in its transaction.
    """
    case_ids = list(
        Case.objects.filter(complaint_id=complaint_id, status__in=OPEN_STATUSES)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for case_id in case_ids:
        case_withdraw(case_id=case_id, actor=actor, reason=reason)
    return case_ids
