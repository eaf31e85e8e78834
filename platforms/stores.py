"""The platform's own record of a store: how to reach the respondent."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import OrgKind, User
from audit.services import audit_record
from platforms.models import Store
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
