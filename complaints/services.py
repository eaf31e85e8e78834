"""Every write of the rightsholder side: rights, complaint drafts, submission, withdrawal."""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import OrgKind, User
from audit.services import audit_record
from complaints.models import Complaint, ComplaintStatus, EvidenceFile, IPRight, Listing, VerificationStatus
from iprgov.transitions import readable_transition
from platforms.models import Platform


@dataclass(frozen=True)
class ListingInput:
    url: str
    listing_ref: str
    store_ref: str
    store_name: str = ""


def _rightsholder_org(actor: User):  # type: ignore[no-untyped-def]
    org = actor.organisation
    if org is None or org.kind != OrgKind.RIGHTSHOLDER:
        raise ValidationError(_("Only members of a rightsholder organisation can do this."), code="forbidden")
    return org


@transaction.atomic
def ip_right_register(*, actor: User, **fields: object) -> IPRight:
    """Register a right for the actor's organisation; it waits for an operator to verify it."""
    org = _rightsholder_org(actor)
    right = IPRight(owner_org=org, verification_status=VerificationStatus.PENDING, **fields)
    right.full_clean()
    right.save()
    audit_record(actor=actor, subject=right, action="right_registered", to_status=right.verification_status)
    return right


def usable_rights(*, actor: User):  # type: ignore[no-untyped-def]
    """Rights the actor's organisation can file on: verified and valid today."""
    today = timezone.localdate()
    return IPRight.objects.filter(
        owner_org=actor.organisation,
        verification_status=VerificationStatus.VERIFIED,
        valid_from__lte=today,
        valid_until__gte=today,
    ).order_by("title")


@transaction.atomic
def complaint_create(
    *,
    actor: User,
    right: IPRight,
    platform: Platform,
    infringement_type: str,
    description: str,
    good_faith_declared: bool,
    requested_administrative: bool = False,
    listings: Iterable[ListingInput] = (),
    evidence: Iterable[UploadedFile] = (),
) -> Complaint:
    """Create a draft complaint with its listings and evidence files."""
    org = _rightsholder_org(actor)
    if right.owner_org_id != org.pk:
        raise ValidationError({"right": _("This right does not belong to your organisation.")})
    complaint = Complaint(
        filed_by_org=org,
        filed_by=actor,
        right=right,
        platform=platform,
        infringement_type=infringement_type,
        description=description,
        good_faith_declared=good_faith_declared,
        requested_administrative=requested_administrative,
    )
    complaint.full_clean(exclude=["status"])
    complaint.save()
    complaint_add_listings(complaint=complaint, listings=listings)
    complaint_add_evidence(complaint=complaint, evidence=evidence)
    audit_record(actor=actor, subject=complaint, action="complaint_drafted", to_status=complaint.status)
    return complaint


def complaint_add_listings(*, complaint: Complaint, listings: Iterable[ListingInput]) -> int:
    """Add listings to a draft; repeated (listing, store) pairs are stored once."""
    if complaint.status != ComplaintStatus.DRAFT:
        raise ValidationError(_("A submitted complaint cannot be changed."), code="immutable")
    seen = set(complaint.listings.values_list("url", "listing_ref", "store_ref"))
    rows = []
    for item in listings:
        key = (item.url.strip(), item.listing_ref.strip(), item.store_ref.strip())
        if key in seen:
            continue
        seen.add(key)
        rows.append(
            Listing(complaint=complaint, url=key[0], listing_ref=key[1], store_ref=key[2], store_name=item.store_name.strip())
        )
    Listing.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def complaint_add_evidence(*, complaint: Complaint, evidence: Iterable[UploadedFile]) -> list[EvidenceFile]:
    """Store evidence files on a draft.

    An upload prepared by complaints.uploads.checked_upload is stored under its random name and
    keeps the user's file name in `original_name`; any other upload keeps its own name for both.
    """
    if complaint.status != ComplaintStatus.DRAFT:
        raise ValidationError(_("A submitted complaint cannot be changed."), code="immutable")
    return [
        EvidenceFile.objects.create(
            complaint=complaint,
            file=upload,
            original_name=str(getattr(upload, "original_name", upload.name))[:255],
        )
        for upload in evidence
    ]


def complaint_validate_for_submission(complaint: Complaint) -> None:
    errors: dict[str, list[str]] = {}
    if not complaint.good_faith_declared:
        errors.setdefault("good_faith_declared", []).append(
            _("You must declare in good faith that the notice is accurate.")
        )
    if not complaint.listings.exists():
        errors.setdefault("listings", []).append(_("Add at least one listing."))
    right = complaint.right
    today = timezone.localdate()
    if right.verification_status != VerificationStatus.VERIFIED:
        errors.setdefault("right", []).append(_("The right relied on has not been verified."))
    elif not right.valid_from <= today <= right.valid_until:
        errors.setdefault("right", []).append(_("The right relied on is not valid today."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def complaint_submit(*, complaint_id: int, actor: User) -> Complaint:
    """Draft -> submitted, after which the complaint is immutable; routing starts after commit."""
    from enforcement.services.routing import enqueue_complaint_routing

    org = _rightsholder_org(actor)
    complaint = Complaint.objects.select_for_update().get(pk=complaint_id, filed_by_org=org)
    complaint_validate_for_submission(complaint)
    before = complaint.status
    with readable_transition(_("Only a draft can be submitted.")):
        complaint.submit()
    complaint.submitted_at = timezone.now()
    complaint.save()
    audit_record(actor=actor, subject=complaint, action="complaint_submitted", from_status=before, to_status=complaint.status)
    transaction.on_commit(partial(enqueue_complaint_routing, complaint.pk))
    return complaint


@transaction.atomic
def complaint_file(*, actor: User, evidence: Iterable[UploadedFile] = (), **fields: Any) -> Complaint:
    """Create and submit a complaint in one step (complaint_create's arguments).

    All or nothing: when the complaint is not complete for submission the ValidationError (keyed by
    field) propagates and no draft is left behind. Completeness is checked before the evidence is
    stored, so a refused complaint leaves no files behind either.
    """
    complaint = complaint_create(actor=actor, **fields)
    complaint_validate_for_submission(complaint)
    complaint_add_evidence(complaint=complaint, evidence=evidence)
    return complaint_submit(complaint_id=complaint.pk, actor=actor)
