"""Changes to a draft complaint before it is submitted: its fields, its listings and evidence, and the draft
itself. A submitted complaint is immutable; each function here refuses it with code `immutable`."""

import uuid
from collections.abc import Iterable
from datetime import timedelta
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from complaints.models import Complaint, ComplaintStatus, EvidenceFile, StagedEvidence
from complaints.services import (
    ListingInput,
    complaint_add_evidence,
    complaint_add_listings,
    right_of_complainant_required,
    rightsholder_org,
)

# Files staged on a form that was then abandoned are removed when their owner next stages files.
STAGED_FOR = timedelta(days=1)


def _locked_draft(actor: User, complaint_id: int) -> Complaint:
    org = rightsholder_org(actor)
    complaint = Complaint.objects.select_for_update().get(pk=complaint_id, filed_by_org=org)
    if complaint.status != ComplaintStatus.DRAFT:
        raise ValidationError(_("A submitted complaint cannot be changed."), code="immutable")
    return complaint


def _delete_files_after_commit(names: list[str]) -> None:
    storage = EvidenceFile._meta.get_field("file").storage
    for name in names:
        transaction.on_commit(partial(storage.delete, name))


# The fields of the complaint form a draft's owner may change.
EDITABLE = (
    "right",
    "platform",
    "infringement_type",
    "description",
    "good_faith_declared",
    "requested_administrative",
)


@transaction.atomic
def complaint_update(
    *,
    actor: User,
    complaint_id: int,
    listings: Iterable[ListingInput] = (),
    evidence: Iterable[UploadedFile | StagedEvidence] = (),
    **fields: Any,
) -> Complaint:
    """Change every field of a draft (EDITABLE, as complaint_create takes them); `listings` and `evidence`
    are added to what it has."""
    complaint = _locked_draft(actor, complaint_id)
    right_of_complainant_required(fields["right"], complaint.filed_by_org_id)
    for name in EDITABLE:
        setattr(complaint, name, fields.get(name, getattr(complaint, name)))
    complaint.full_clean(exclude=["status"])
    complaint.save()
    added = complaint_add_listings(complaint=complaint, listings=listings).added
    files = complaint_add_evidence(complaint=complaint, evidence=evidence)
    note = _("%(listings)d listings and %(files)d files added") % {"listings": added, "files": len(files)}
    audit_record(actor=actor, subject=complaint, action="complaint_edited", note=note)
    return complaint


@transaction.atomic
def complaint_remove_listings(
    *, actor: User, complaint_id: int, listing_id: int | None = None, store_ref: str | None = None
) -> int:
    """Remove one listing, or every listing of one store, from a draft; returns how many went."""
    complaint = _locked_draft(actor, complaint_id)
    if (listing_id is None) == (store_ref is None):
        raise ValueError("name either one listing or one store")
    listings = complaint.listings.all()
    listings = (
        listings.filter(pk=listing_id) if listing_id is not None else listings.filter(store_ref=store_ref)
    )
    removed, _by_model = listings.delete()
    if removed:
        what = _("store %(store)s") % {"store": store_ref} if store_ref is not None else f"#{listing_id}"
        audit_record(actor=actor, subject=complaint, action="listings_removed", note=f"{removed}: {what}")
    return removed


@transaction.atomic
def complaint_remove_evidence(*, actor: User, complaint_id: int, evidence_id: int) -> None:
    """Remove one evidence file from a draft, and its stored file once the removal is committed."""
    complaint = _locked_draft(actor, complaint_id)
    evidence = complaint.evidence.get(pk=evidence_id)
    name = evidence.file.name
    evidence.delete()
    _delete_files_after_commit([name] if name else [])
    audit_record(actor=actor, subject=complaint, action="evidence_removed", note=evidence.original_name)


@transaction.atomic
def complaint_delete_draft(*, actor: User, complaint_id: int) -> None:
    """Delete a draft with its listings and evidence; nobody but its organisation ever saw it."""
    complaint = _locked_draft(actor, complaint_id)
    names = [name for name in complaint.evidence.values_list("file", flat=True) if name]
    audit_record(
        actor=actor, subject=complaint, action="complaint_draft_deleted", from_status=complaint.status
    )
    complaint.delete()
    _delete_files_after_commit(names)


@transaction.atomic
def evidence_stage(*, actor: User, form_token: uuid.UUID, uploads: Iterable[UploadedFile]) -> None:
    """Keep files chosen on a form that came back with errors, so that the next attempt has them."""
    stale = StagedEvidence.objects.filter(user=actor, staged_at__lt=timezone.now() - STAGED_FOR)
    _delete_files_after_commit([name for name in stale.values_list("file", flat=True) if name])
    stale.delete()
    for upload in uploads:
        StagedEvidence.objects.create(
            user=actor,
            form_token=form_token,
            file=upload,
            original_name=str(getattr(upload, "original_name", upload.name))[:255],
        )


def staged_evidence(*, actor: User, form_token: uuid.UUID | None) -> list[StagedEvidence]:
    if form_token is None:
        return []
    return list(StagedEvidence.objects.filter(user=actor, form_token=form_token))


@transaction.atomic
def staged_evidence_take(
    *, actor: User, form_token: uuid.UUID | None, keep: Iterable[int]
) -> list[StagedEvidence]:
    """The staged files of a form that the user kept (to attach now); the ones unticked are deleted."""
    staged = staged_evidence(actor=actor, form_token=form_token)
    kept = set(keep)
    dropped = [item for item in staged if item.pk not in kept]
    StagedEvidence.objects.filter(pk__in=[item.pk for item in dropped]).delete()
    _delete_files_after_commit([item.file.name for item in dropped if item.file.name])
    return [item for item in staged if item.pk in kept]
