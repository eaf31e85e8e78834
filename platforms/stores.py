"""The platform's own record of a store: how to reach the respondent, as the platform sets it or as the
listings of a complaint give it."""

from dataclasses import asdict, dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min, Q, QuerySet
from django.utils.translation import gettext as _

from accounts.models import OrgKind, User
from audit.actors import SYSTEM
from audit.services import audit_record
from complaints.models import Listing
from platforms.models import Platform, Store
from regions.models import Region


@transaction.atomic
def store_contact_set(
    *, actor: User, store_id: int, contact_email: str, language: str, region: Region | None
) -> Store:
    """Set the store's contact email, language and region; Store.DoesNotExist for another platform's."""
    org = actor.organisation
    if org is None or org.kind != OrgKind.PLATFORM:
        raise ValidationError(_("Only platform staff can do this."), code="forbidden")
    store = Store.objects.select_for_update().get(pk=store_id, platform__organisation=org)
    store.contact_email = contact_email.strip()
    store.language = language
    store.region = region
    store.full_clean()
    store.save(update_fields=["contact_email", "language", "region"])
    audit_record(actor=actor, subject=store, action="store_contact_set", note=store.contact_email)
    return store


@dataclass(frozen=True)
class _Given:
    """What a complaint's listings say of one store, each from the first listing that says it; the field
    names are the store's."""

    name: str = ""
    contact_email: str = ""
    language: str = ""
    region_id: int | None = None


# Store field: (the listing field that gives it, which listings give it).
_FROM_LISTING = {
    "name": ("store_name", ~Q(store_name="")),
    "contact_email": ("store_email", ~Q(store_email="")),
    "language": ("store_language", ~Q(store_language="")),
    "region_id": ("store_region_id", Q(store_region__isnull=False)),
}
# Filled into a known store where it has none (its name stays the platform's), and how the audit note
# names each.
_FILLED = {"contact_email": "contact email", "language": "language", "region_id": "region"}


# No savepoint of its own: the split calls it in its transaction and fails whole if it fails.
@transaction.atomic(savepoint=False)
def stores_for_listings(
    *, platform: Platform, listings: QuerySet[Listing], complaint_id: int
) -> dict[str, Store]:
    """The platform's stores for the store ids these listings name, by store id.

    A store the platform does not know yet is created with the name, contact email, language and region
    the listings give. A known store gets the contact email, language and region only where it has none:
    what the platform set is never overwritten. Each known store filled in gets an audit entry naming what
    was filled and from which complaint.
    """
    given = _given_by_listings(listings)
    Store.objects.bulk_create(
        [Store(platform=platform, external_id=ref, **asdict(details)) for ref, details in given.items()],
        ignore_conflicts=True,  # the stores the platform knows already
    )
    stores = {s.external_id: s for s in Store.objects.filter(platform=platform, external_id__in=given)}
    blank = [store.pk for ref, store in stores.items() if _blanks_to_fill(store, given[ref])]
    if blank:
        for store in _fill_blanks(store_ids=blank, given=given, complaint_id=complaint_id):
            stores[store.external_id] = store
    return stores


def _blanks_to_fill(store: Store, given: _Given) -> list[str]:
    return [name for name in _FILLED if not getattr(store, name) and getattr(given, name)]


def _fill_blanks(*, store_ids: list[int], given: dict[str, _Given], complaint_id: int) -> list[Store]:
    """Fill the blanks of these stores from what the listings give; returns the stores filled."""
    filled = []
    # Locked and read again, in one order: the platform may be setting a contact on its store page at
    # this moment, and two complaints naming the same stores never wait on each other in a circle.
    for store in Store.objects.select_for_update().filter(pk__in=store_ids).order_by("pk"):
        details = given[store.external_id]
        names = _blanks_to_fill(store, details)
        if not names:
            continue
        for name in names:
            setattr(store, name, getattr(details, name))
        filled.append(store)
        audit_record(
            actor=SYSTEM,
            subject=store,
            action="store_contact_from_listings",
            note=f"{', '.join(_FILLED[name] for name in names)} from the listings of complaint {complaint_id}",
        )
    Store.objects.bulk_update(filled, list(_FILLED))
    return filled


def _given_by_listings(listings: QuerySet[Listing]) -> dict[str, _Given]:
    """By store id, what the listings say of the store: for each field, the value of the first listing
    (by pk) that gives one. Two queries: the first such listing per store and field, then those listings."""
    names = list(_FROM_LISTING)
    firsts: list[tuple[Any, ...]] = list(
        listings.order_by()
        .values("store_ref")
        .annotate(**{name: Min("pk", filter=gives) for name, (_field, gives) in _FROM_LISTING.items()})
        .values_list("store_ref", *names)
    )
    pks = {pk for _ref, *first_pks in firsts for pk in first_pks if pk is not None}
    fields = [listing_field for listing_field, _gives in _FROM_LISTING.values()]
    values = {
        pk: dict(zip(names, row, strict=True))
        for pk, *row in Listing.objects.filter(pk__in=pks).values_list("pk", *fields)
    }
    return {
        ref: _Given(
            **{name: values[pk][name] for name, pk in zip(names, first_pks, strict=True) if pk is not None}
        )
        for ref, *first_pks in firsts
    }
