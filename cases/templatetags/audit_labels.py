"""Audit entries store codes ("routed", "awaiting_platform"); people read them in their language."""

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

ACTION_LABELS = {
    "case_opened": _("Case opened"),
    "routed": _("Routed"),
    "opinion_issued": _("Determination opinion issued"),
    "decision_issued": _("Administrative decision issued"),
    "case_decided": _("Case decided"),
    "complaint_drafted": _("Complaint saved as draft"),
    "complaint_submitted": _("Complaint submitted"),
    "right_registered": _("Right registered"),
    "right_verified": _("Right verified"),
    "listing_take_down": _("Listing taken down"),
    "listing_reject": _("Notice rejected for listing"),
}


def _status_labels() -> dict[str, str]:
    from cases.models import CaseStatus
    from complaints.models import ComplaintStatus, ListingStatus, VerificationStatus

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
