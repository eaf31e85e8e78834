"""Agencies filing for rightsholders: letters of authorisation, their verification and revocation, and the
rule that an agency files on a right only while the letter covering it holds."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from complaints.models import Authorisation
from complaints.services import record_verification, rightsholder_org


@transaction.atomic
def authorisation_register(
    *, actor: User, principal_name: str, letter: UploadedFile, valid_from: date, valid_until: date
) -> Authorisation:
    """An agency's letter from a rightsholder; it waits for an operator to verify it."""
    authorisation = Authorisation(
        agency=rightsholder_org(actor),
        principal_name=principal_name,
        letter=letter,
        valid_from=valid_from,
        valid_until=valid_until,
    )
    authorisation.full_clean()
    authorisation.save()
    audit_record(
        actor=actor,
        subject=authorisation,
        action="authorisation_registered",
        to_status=authorisation.verification_status,
    )
    return authorisation


@transaction.atomic
def authorisation_set_verification(
    *, authorisation_id: int, actor: User, status: str, note: str = ""
) -> Authorisation:
    """An operator's verdict on a letter, as on a right (complaints.services.record_verification)."""
    authorisation = Authorisation.objects.select_for_update().get(pk=authorisation_id)
    record_verification(authorisation, actor=actor, status=status, note=note, action_prefix="authorisation")
    return authorisation


@transaction.atomic
def authorisation_revoke(*, authorisation_id: int, actor: User, reason: str) -> Authorisation:
    """Revoke a letter (the agency itself, or an operator told by the rightsholder): no new filing under it."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the letter is revoked.")})
    authorisations = Authorisation.objects.select_for_update()
    if not actor.is_staff:
        authorisations = authorisations.filter(agency=rightsholder_org(actor))
    authorisation = authorisations.get(pk=authorisation_id)
    if authorisation.revoked_at is None:
        authorisation.revoked_at = timezone.now()
        authorisation.revocation_reason = reason.strip()
        authorisation.save(update_fields=["revoked_at", "revocation_reason"])
        audit_record(actor=actor, subject=authorisation, action="authorisation_revoked", note=reason.strip())
    return authorisation


def authorisations_of(*, actor: User) -> QuerySet[Authorisation]:
    return Authorisation.objects.filter(agency=actor.organisation).order_by("-created_at")
