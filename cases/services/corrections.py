"""Correcting an issued opinion, decision or statement of reasons: a new record that cites it, never an edit."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from accounts.models import OrgKind, User
from audit.services import audit_record
from cases.models import (
    AdministrativeDecision,
    CorrectedRecord,
    DeterminationOpinion,
    ListingDecision,
    RecordCorrection,
)
from cases.services._scope import locked_case_for

# Each kind of issued record: its model, and the kind of organisation that issued it (and may correct it).
CORRECTABLE: dict[CorrectedRecord, tuple[type[models.Model], OrgKind]] = {
    CorrectedRecord.OPINION: (DeterminationOpinion, OrgKind.OFFICE),
    CorrectedRecord.ADMINISTRATIVE_DECISION: (AdministrativeDecision, OrgKind.OFFICE),
    CorrectedRecord.LISTING_DECISION: (ListingDecision, OrgKind.PLATFORM),
}


@transaction.atomic
def issued_record_correct(
    *, case_id: int, actor: User, corrects: str, record_id: int, reason: str, corrected_text: str
) -> RecordCorrection:
    """Record a correction of an issued record of the case, by the organisation that issued it, with the
    reason and the corrected text; it is written in the case's history. The record itself stays as issued.

    ValidationError (forbidden) for another kind of organisation, (by field) without a reason or a text;
    Case.DoesNotExist outside the actor's scope and for a record that is not the case's.
    """
    kind = CorrectedRecord(corrects)
    model, issuer = CORRECTABLE[kind]
    case = locked_case_for(case_id=case_id, actor=actor, kind=issuer)
    if not model._default_manager.filter(pk=record_id, case=case).exists():
        raise case.DoesNotExist
    errors = {}
    if not reason.strip():
        errors["reason"] = _("Say why the record is corrected.")
    if not corrected_text.strip():
        errors["corrected_text"] = _("Give the text as corrected.")
    if errors:
        raise ValidationError(errors)
    correction = RecordCorrection.objects.create(
        case=case,
        corrects=kind,
        corrects_id=record_id,
        corrected_by=actor,
        reason=reason.strip(),
        corrected_text=corrected_text.strip(),
    )
    audit_record(
        actor=actor,
        subject=correction,
        case_id=case.pk,
        action="record_corrected",
        note=_("%(record)s #%(number)s corrected. Why: %(reason)s Corrected text: %(text)s")
        % {
            "record": kind.label,
            "number": record_id,
            "reason": correction.reason,
            "text": correction.corrected_text,
        },
    )
    return correction
