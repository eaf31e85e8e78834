"""Withdrawal of a complaint's cases when the complainant withdraws the whole complaint."""

from django.db import transaction

from accounts.models import User
from cases.models import Case, OPEN_STATUSES
from webhooks.hooks import case_changed


@transaction.atomic
def cases_withdraw_for_complaint(*, complaint_id: int, actor: User, reason: str = "") -> list[int]:
    """Withdraw every open case of a complaint (one by one, as platforms.services.case_withdraw does:
    measures lifted, parties told); decided and closed cases keep their outcome. Returns the ids withdrawn.

    The caller holds the complaint, scoped to the actor's organisation.
    """
    from cases.services.notice_and_takedown import case_withdraw

    case_ids = list(
        Case.objects.filter(complaint_id=complaint_id, status__in=OPEN_STATUSES).order_by("pk").values_list("pk", flat=True)
    )
    for case_id in case_ids:
        case_withdraw(case_id=case_id, actor=actor, reason=reason)
        case_changed(case_id=case_id, event_type="case.withdrawn")
    return case_ids
