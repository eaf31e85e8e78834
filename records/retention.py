"""The retention job: personal data of closed cases anonymised once its kind's period has passed.

Each case is done in its own transaction with its audit entry (who: the system; what: which kind; never
the data itself). The audit trail's own entries are redacted through `audit_entry_redact`, which keeps
their hashes, so the chain still verifies afterwards (audit.chain).
"""

from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.utils import timezone

from audit.actors import SYSTEM
from audit.models import ActorKind, AuditEntry
from audit.services import audit_record
from cases.models import Case, CounterNotice
from complaints.models import Listing
from records.models import Anonymisation, RetainedKind, RetentionPeriod

BATCH = 200
ANONYMISED_NAME = "anonymised"


def _counter_notice(case: Case) -> None:
    CounterNotice.objects.filter(case=case).update(respondent_name=ANONYMISED_NAME, contact_email="")


def _listing_contact(case: Case) -> None:
    Listing.objects.filter(case=case).exclude(store_email="").update(store_email="")


def _respondent_audit(case: Case) -> None:
    ids = list(
        AuditEntry.objects.filter(
            case_id=case.pk, actor_kind=ActorKind.RESPONDENT, redacted_at__isnull=True
        ).values_list("pk", flat=True)
    )
    if not ids:
        return
    if connection.vendor == "postgresql":
        # The application's role may not UPDATE the trail; this function (its owner's) only blanks these parts.
        with connection.cursor() as cursor:
            cursor.execute("SELECT audit_entry_redact(%s)", [ids])
    else:
        AuditEntry.objects.filter(pk__in=ids).update(
            actor_label="redacted", name_given="", note="", redacted_at=timezone.now()
        )


ANONYMISE: dict[RetainedKind, Callable[[Case], None]] = {
    RetainedKind.COUNTER_NOTICE: _counter_notice,
    RetainedKind.LISTING_CONTACT: _listing_contact,
    RetainedKind.RESPONDENT_AUDIT: _respondent_audit,
}


@transaction.atomic
def case_personal_data_anonymise(*, case_id: int, kind: RetainedKind) -> bool:
    """Anonymise one kind of personal data of a closed case and audit it; False (nothing changed) when it
    was done already or the case is not closed."""
    case = Case.objects.select_for_update().get(pk=case_id)
    if case.closed_at is None or Anonymisation.objects.filter(case=case, kind=kind).exists():
        return False
    ANONYMISE[kind](case)
    Anonymisation.objects.create(case=case, kind=kind)
    audit_record(actor=SYSTEM, subject=case, action="personal_data_anonymised", note=kind.value)
    return True


def personal_data_past_retention_anonymise(*, now: datetime | None = None) -> int:
    """Periodic: anonymise every kind of personal data past its period, a batch of cases per kind and run.
    Returns how many (case, kind) pairs were anonymised."""
    now = now or timezone.now()
    done = 0
    for period in RetentionPeriod.objects.all():
        kind = RetainedKind(period.kind)
        due = (
            Case.objects.filter(closed_at__lt=now - timedelta(days=period.days_after_closure))
            .exclude(pk__in=Anonymisation.objects.filter(kind=kind).values("case_id"))
            .order_by("closed_at")
            .values_list("pk", flat=True)[:BATCH]
        )
        for case_id in list(due):
            done += case_personal_data_anonymise(case_id=case_id, kind=kind)
    return done
