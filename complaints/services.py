"""Every write of the rightsholder side: rights, complaint drafts, submission, withdrawal."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.filing import filing_refuse_if_suspended
from accounts.models import OrgKind, User
from accounts.notifications import notify_organisation
from audit.services import audit_record
from complaints.models import (
    Authorisation,
    BulkUpload,
    Complaint,
    ComplaintStatus,
    EvidenceFile,
    EvidenceRequirement,
    IPRight,
    Listing,
    StagedEvidence,
    VerificationStatus,
)
from complaints.signals import complaint_submitted
from iprgov.file_integrity import record_values
from iprgov.transitions import readable_transition
from regions.models import Region

if TYPE_CHECKING:
    from platforms.models import Platform

type ListingKey = tuple[str, str, str]  # url, listing id, store id


@dataclass(frozen=True)
class ListingInput:
    """One listing to add to a draft, with what its row says of the respondent store (blank when not given)."""

    url: str
    listing_ref: str
    store_ref: str
    store_name: str = ""
    store_email: str = ""
    store_language: str = ""
    store_region: Region | None = None
    row: int | None = None  # the row (or line) it was read from; kept with the listing for a bulk file

    @property
    def key(self) -> ListingKey:
        """What makes it the same listing: url, listing id and store id (listing_unique_per_complaint)."""
        return (self.url.strip(), self.listing_ref.strip(), self.store_ref.strip())


@dataclass(frozen=True)
class Earlier:
    """Where the listing that a repeated input names came from: row `row` of the bulk upload `upload_id`
    (its file `upload_name`), or a form or the API (upload_id None)."""

    upload_id: int | None = None
    upload_name: str = ""
    row: int | None = None


@dataclass(frozen=True)
class ListingsAdded:
    added: int
    repeats: dict[int, Earlier]  # index of an input that named a listing already there -> where it came from


def rightsholder_org(actor: User):
    org = actor.organisation
    if org is None or org.kind != OrgKind.RIGHTSHOLDER:
        raise ValidationError(_("Only members of a rightsholder organisation can do this."), code="forbidden")
    return org


@transaction.atomic
def ip_right_register(*, actor: User, **fields: object) -> IPRight:
    """Register a right for the actor's organisation; it waits for an operator to verify it."""
    org = rightsholder_org(actor)
    letter = fields.get("authorisation")
    if isinstance(letter, Authorisation) and letter.agency_id != org.pk:
        raise ValidationError(
            {"authorisation": _("This letter of authorisation is not your organisation's.")}
        )
    valid_until = fields.get("valid_until")
    if isinstance(valid_until, date) and valid_until < timezone.localdate():
        raise ValidationError(
            {
                "valid_until": ValidationError(
                    _("This right's validity already ended: an expired right cannot be relied on."),
                    code="expired",
                )
            }
        )
    right = IPRight(owner_org=org, verification_status=VerificationStatus.PENDING, **fields)
    right.full_clean()
    right.save()
    audit_record(actor=actor, subject=right, action="right_registered", to_status=right.verification_status)
    return right


@transaction.atomic
def ip_right_set_verification(*, right_id: int, actor: User, status: str, note: str = "") -> IPRight:
    """An operator's verdict on a registered right, with its audit entry; the same verdict twice is a no-op."""
    right = IPRight.objects.select_for_update().get(pk=right_id)
    record_verification(right, actor=actor, status=status, note=note, action_prefix="right")
    return right


def record_verification(
    subject: IPRight | Authorisation, *, actor: User, status: str, note: str, action_prefix: str
) -> None:
    """Set the operator's verdict on a locked right or letter, audited as `<prefix>_<status>`; no-op when
    the verdict is the one it already has."""
    status = VerificationStatus(status)
    if subject.verification_status == status:
        return
    before = subject.verification_status
    subject.verification_status = status
    subject.save(update_fields=["verification_status"])
    audit_record(
        actor=actor,
        subject=subject,
        action=f"{action_prefix}_{status}",
        from_status=before,
        to_status=status,
        note=note,
    )


def usable_rights(*, actor: User) -> QuerySet[IPRight]:
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
    platform: "Platform",
    infringement_type: str,
    description: str,
    good_faith_declared: bool,
    requested_administrative: bool = False,
    listings: Iterable[ListingInput] = (),
    evidence: Iterable[UploadedFile | StagedEvidence] = (),
) -> Complaint:
    """Create a draft complaint with its listings and evidence files."""
    org = rightsholder_org(actor)
    filing_refuse_if_suspended(organisation_id=org.pk, platform_id=platform.pk)
    right_of_complainant_required(right, org.pk)
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
    # The right and the platform are instances the caller already scoped, the organisation and the user
    # the actor's own: checking that each exists would cost a query apiece.
    complaint.full_clean(exclude=["status", "filed_by_org", "filed_by", "right", "platform"])
    complaint.save()
    # A new complaint has no listing yet that an input could repeat.
    _listings_insert(complaint=complaint, inputs=list(listings), there={}, upload=None)
    complaint_add_evidence(complaint=complaint, evidence=evidence)
    audit_record(actor=actor, subject=complaint, action="complaint_drafted", to_status=complaint.status)
    return complaint


def right_of_complainant_required(right: IPRight, organisation_id: int) -> None:
    if right.owner_org_id != organisation_id:
        raise ValidationError({"right": _("This right does not belong to your organisation.")})


def complaint_add_listings(
    *, complaint: Complaint, listings: Iterable[ListingInput], upload: BulkUpload | None = None
) -> ListingsAdded:
    """Add listings to a draft whose row the caller has locked (select_for_update); says how many were new
    and what each of the others repeats.

    An input naming a listing (url, listing id, store id) that the complaint already has, or that an
    earlier input names, is stored once: the others are repeats. The lock keeps anything from being added
    between the look-up and the insert; the unique constraint `listing_unique_per_complaint` backs it up.
    With `upload`, each new listing keeps the file and row it was read from.
    """
    if complaint.status != ComplaintStatus.DRAFT:
        raise ValidationError(_("A submitted complaint cannot be changed."), code="immutable")
    inputs = list(listings)
    if not inputs:
        return ListingsAdded(added=0, repeats={})
    there = _listed_already(complaint, {item.key for item in inputs})
    return _listings_insert(complaint=complaint, inputs=inputs, there=there, upload=upload)


def _listings_insert(
    *,
    complaint: Complaint,
    inputs: list[ListingInput],
    there: dict[ListingKey, Earlier],
    upload: BulkUpload | None,
) -> ListingsAdded:
    """Insert the inputs that are neither in `there` (the complaint's listings they name) nor repeats of
    an earlier input, in one statement."""
    if not inputs:
        return ListingsAdded(added=0, repeats={})
    first_of: dict[ListingKey, ListingInput] = {}
    repeats: dict[int, Earlier] = {}
    rows = []
    for index, item in enumerate(inputs):
        if item.key in there:
            repeats[index] = there[item.key]
        elif (first := first_of.get(item.key)) is not None:
            repeats[index] = (
                Earlier(upload_id=upload.pk, upload_name=upload.original_name, row=first.row)
                if upload is not None
                else Earlier()
            )
        else:
            first_of[item.key] = item
            url, listing_ref, store_ref = item.key
            rows.append(
                Listing(
                    complaint=complaint,
                    url=url,
                    listing_ref=listing_ref,
                    store_ref=store_ref,
                    store_name=item.store_name.strip(),
                    store_email=item.store_email.strip(),
                    store_language=item.store_language,
                    store_region=item.store_region,
                    bulk_upload=upload,
                    bulk_row=item.row if upload is not None else None,
                )
            )
    Listing.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    return ListingsAdded(added=len(rows), repeats=repeats)


def _listed_already(complaint: Complaint, keys: set[ListingKey]) -> dict[ListingKey, Earlier]:
    """The complaint's listings with one of these keys, and where each came from.

    Compared on the columns themselves, in one pass over the complaint's listings: with a hash of the
    keys that costs microseconds a listing (about 4 ms for a batch against 20,000 listings), where the
    unique index on their MD5s would cost a probe a key and an MD5 a listing.
    """
    urls = {url for url, _ref, _store in keys if url}
    refs = {ref for url, ref, _store in keys if not url}
    found = (
        Listing.objects.filter(complaint=complaint)
        .filter(Q(url__in=urls) | Q(url="", listing_ref__in=refs))
        .order_by()
        .values_list(
            "url", "listing_ref", "store_ref", "bulk_upload_id", "bulk_upload__original_name", "bulk_row"
        )
    )
    return {
        (url, ref, store): Earlier(upload_id=upload_id, upload_name=name or "", row=row)
        for url, ref, store, upload_id, name, row in found
        if (url, ref, store) in keys
    }


def complaint_add_evidence(
    *, complaint: Complaint, evidence: Iterable[UploadedFile | StagedEvidence]
) -> list[EvidenceFile]:
    """Store evidence files on a draft.

    An upload prepared by complaints.uploads.checked_upload is stored under its random name and
    keeps the user's file name in `original_name`; any other upload keeps its own name for both. A file
    staged by an earlier attempt at the same form is already stored: it becomes evidence where it lies.
    """
    if complaint.status != ComplaintStatus.DRAFT:
        raise ValidationError(_("A submitted complaint cannot be changed."), code="immutable")
    files = []
    for item in evidence:
        if isinstance(item, StagedEvidence):
            files.append(
                EvidenceFile.objects.create(
                    complaint=complaint,
                    file=item.file.name,
                    original_name=item.original_name,
                    # What was recorded when the file was staged, not what lies on disk now.
                    **record_values(item, "file"),
                )
            )
            item.delete()
        else:
            files.append(
                EvidenceFile.objects.create(
                    complaint=complaint,
                    file=item,
                    original_name=str(getattr(item, "original_name", item.name))[:255],
                )
            )
    return files


def complaint_validate_for_submission(
    complaint: Complaint, *, incoming_evidence: int = 0, listing_count: int | None = None
) -> None:
    """ValidationError (code incomplete, by field) when the draft cannot be submitted as it stands;
    `incoming_evidence` counts files about to be stored with it; `listing_count`, when the caller has
    counted the listings already, saves asking whether there is one."""
    errors: dict[str, list[str]] = {}
    required = EvidenceRequirement.minimum_for(complaint.infringement_type)
    if complaint.evidence.count() + incoming_evidence < required:
        errors.setdefault("evidence", []).append(
            ngettext(
                "Attach at least %(count)d evidence file: the platform and the respondent judge the notice by it.",
                "Attach at least %(count)d evidence files: the platform and the respondent judge the notice by them.",
                required,
            )
            % {"count": required}
        )
    if not complaint.good_faith_declared:
        errors.setdefault("good_faith_declared", []).append(
            _("You must declare in good faith that the notice is accurate.")
        )
    if not (complaint.listings.exists() if listing_count is None else listing_count):
        errors.setdefault("listings", []).append(_("Add at least one listing."))
    right = complaint.right
    today = timezone.localdate()
    if right.verification_status != VerificationStatus.VERIFIED:
        errors.setdefault("right", []).append(_("The right relied on has not been verified."))
    elif not right.valid_from <= today <= right.valid_until:
        errors.setdefault("right", []).append(_("The right relied on is not valid today."))
    elif right.authorisation is not None and (refusal := right.authorisation.refusal(today)):
        errors.setdefault("right", []).append(refusal)
    if errors:
        # What the draft lacks, not what a request got wrong: the API answers 409.
        raise ValidationError(
            {
                field: [ValidationError(message, code="incomplete") for message in messages]
                for field, messages in errors.items()
            }
        )


@transaction.atomic
def complaint_submit(*, complaint_id: int, actor: User) -> Complaint:
    """Draft -> submitted, after which the complaint is immutable; routing starts after commit."""
    org = rightsholder_org(actor)
    # Read with what the submission looks at (the right and its letter, the platform's name), locking
    # the complaint only.
    complaint = (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("right__authorisation", "platform__organisation")
        .get(pk=complaint_id, filed_by_org=org)
    )
    filing_refuse_if_suspended(organisation_id=org.pk, platform_id=complaint.platform_id)
    # Counted once, for the check and for the message (the lock keeps listings from being added).
    listing_count = complaint.listings.count()
    complaint_validate_for_submission(complaint, listing_count=listing_count)
    before = complaint.status
    with readable_transition(_("Only a draft can be submitted.")):
        complaint.submit()
    complaint.submitted_at = timezone.now()
    complaint.authorisation = complaint.right.authorisation
    complaint.save()
    audit_record(
        actor=actor,
        subject=complaint,
        action="complaint_submitted",
        from_status=before,
        to_status=complaint.status,
    )
    notify_organisation(
        organisation=org,
        url=reverse("complaints:complaint_detail", args=[complaint.pk]),
        build=partial(_received_message, complaint.pk, listing_count, str(complaint.platform)),
    )
    transaction.on_commit(partial(complaint_submitted.send, sender=Complaint, complaint_id=complaint.pk))
    return complaint


def _received_message(complaint_id: int, listings: int, platform: str) -> tuple[str, str]:
    return (
        _("Complaint %(number)s received") % {"number": complaint_id},
        _(
            "Your complaint against %(count)d listings on %(platform)s was received. It is split into one "
            "case per store and each case is routed automatically by the published routing rules; an "
            "acknowledgement naming every case and the rule that routed it follows."
        )
        % {"count": listings, "platform": platform},
    )


@transaction.atomic
def complaint_file(
    *, actor: User, evidence: Iterable[UploadedFile | StagedEvidence] = (), **fields: Any
) -> Complaint:
    """Create and submit a complaint in one step (complaint_create's arguments).

    All or nothing: when the complaint is not complete for submission the ValidationError (keyed by
    field) propagates and no draft is left behind. Completeness is checked before the evidence is
    stored, so a refused complaint leaves no files behind either.
    """
    evidence = list(evidence)
    complaint = complaint_create(actor=actor, **fields)
    complaint_validate_for_submission(complaint, incoming_evidence=len(evidence))
    complaint_add_evidence(complaint=complaint, evidence=evidence)
    return complaint_submit(complaint_id=complaint.pk, actor=actor)


@transaction.atomic
def complaint_add_listings_checked(
    *, actor: User, complaint_id: int, listings: Iterable[ListingInput]
) -> int:
    """complaint_add_listings on a draft of the actor's organisation, locked against a concurrent submission."""
    org = rightsholder_org(actor)
    complaint = Complaint.objects.select_for_update().get(pk=complaint_id, filed_by_org=org)
    return complaint_add_listings(complaint=complaint, listings=listings).added


@transaction.atomic
def complaint_add_evidence_checked(
    *, actor: User, complaint_id: int, evidence: Iterable[UploadedFile]
) -> list[EvidenceFile]:
    """complaint_add_evidence on a draft of the actor's organisation (files already checked by uploads)."""
    org = rightsholder_org(actor)
    complaint = Complaint.objects.select_for_update().get(pk=complaint_id, filed_by_org=org)
    files = complaint_add_evidence(complaint=complaint, evidence=evidence)
    audit_record(
        actor=actor,
        subject=complaint,
        action="evidence_added",
        note=", ".join(f.original_name for f in files),
    )
    return files
