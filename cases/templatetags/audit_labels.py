"""Audit entries store codes ("routed", "awaiting_platform"); people read them in their language."""

from django import template
from django.utils.translation import gettext_lazy as _

from cases.actions import CaseAction
from cases.models import CaseStatus
from complaints.models import ComplaintStatus, ListingStatus, VerificationStatus

register = template.Library()

# Entries about a case carry a CaseAction (cases.actions, the one list); these are the other entries a
# case history or an organisation's record shows, and the codes entries carried before the catalogue.
OTHER_ACTION_LABELS = {
    "complaint_drafted": _("Complaint saved as draft"),
    "complaint_submitted": _("Complaint submitted"),
    "complaint_withdrawn": _("Complaint withdrawn"),
    "complaint_edited": _("Draft edited"),
    "complaint_draft_deleted": _("Draft deleted"),
    "listings_removed": _("Listings removed from the draft"),
    "evidence_added": _("Evidence added"),
    "evidence_removed": _("Evidence removed from the draft"),
    "bulk_upload_started": _("Bulk upload started"),
    "right_registered": _("Right registered"),
    "right_verified": _("Right verified"),
    "right_rejected": _("Right rejected"),
    "right_expired": _("Right expired"),
    "right_pending": _("Right returned to pending verification"),
    "listing_take_down": _("Listing taken down"),
    "listing_reject": _("Notice rejected for listing"),
    "listing_restored": _("Listing restored"),
    "authorisation_registered": _("Letter of authorisation registered"),
    "authorisation_verified": _("Letter of authorisation verified"),
    "authorisation_rejected": _("Letter of authorisation rejected"),
    "authorisation_revoked": _("Letter of authorisation revoked"),
    "store_contact_set": _("Store contact set"),
    "penalty_applied": _("Penalty points applied to the store"),
    "filing_suspended": _("Filing suspended"),
    "case_closed": _("Case closed"),
}
ACTION_LABELS = {**OTHER_ACTION_LABELS, **{action.value: action.label for action in CaseAction}}


def _status_labels() -> dict[str, str]:
    labels: dict[str, str] = {}
    # Later classes win on a shared code ("rejected", "withdrawn"); case statuses matter most on a case page.
    for choices in (VerificationStatus, ComplaintStatus, ListingStatus, CaseStatus):
        labels.update({value: str(label) for value, label in choices.choices})
    return labels


@register.filter
def action_label(code: str) -> str:
    """The action in the reader's language; an unknown code is shown as written."""
    label = ACTION_LABELS.get(code)
    return str(label) if label is not None else code.replace("_", " ")


@register.filter
def status_label(code: str) -> str:
    """A status code in the reader's language; an unknown code is shown as written."""
    if not code:
        return ""
    return _status_labels().get(code, code)
