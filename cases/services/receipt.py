"""The complainant's acknowledgement of receipt (EU DSA art. 16(4)-(6)): once every case of a submitted
complaint is routed, one message names the complaint, its listings and stores, each case with the rule of the
published table that routed it, that the routing was automated, and how to ask for a person to review it."""

from functools import partial

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.notifications import notify_organisation
from cases.models import Case, CaseStatus
from cases.parties import site_url
from cases.routing_explanation import routing_explanation
from complaints.models import Complaint, ComplaintStatus

STORES_NAMED = 20


@transaction.atomic
def complaint_acknowledge(*, complaint_id: int) -> bool:
    """Send the acknowledgement once every case is routed; True when it was sent now. Safe to call again
    (by a retried task or the sweep): a complaint is acknowledged once."""
    # The complaint locked, not the organisation that every filing of its members references.
    complaint = (
        Complaint.objects.select_for_update(of=("self",)).select_related("filed_by_org").get(pk=complaint_id)
    )
    if complaint.status != ComplaintStatus.SUBMITTED or complaint.acknowledged_at is not None:
        return False
    cases = list(complaint.cases.select_related("store", "routing_rule", "office").order_by("pk"))
    if not cases or any(case.status == CaseStatus.NEW for case in cases):
        return False
    complaint.acknowledged_at = timezone.now()
    complaint.save(update_fields=["acknowledged_at"])
    notify_organisation(
        organisation=complaint.filed_by_org,
        url=reverse("complaints:complaint_detail", args=[complaint.pk]),
        # Every listing is in a case once the complaint is split, counted on its case by the split; the
        # cases as read here serve every language the message is built in, and the email after commit.
        build=partial(_receipt, complaint.pk, sum(case.listing_count for case in cases), cases),
    )
    return True


def _receipt(complaint_id: int, listings: int, cases: list[Case]) -> tuple[str, str]:
    """(subject, body) in the language active when it is built (each reader's)."""
    lines = [
        ngettext(
            "We received complaint %(number)s against %(count)d listing. It was split into one case per store:",
            "We received complaint %(number)s against %(count)d listings. It was split into one case per store:",
            listings,
        )
        % {"number": complaint_id, "count": listings}
    ]
    for case in cases[:STORES_NAMED]:
        lines.append(
            _("Case %(case)s, store %(store)s: %(why)s")
            % {"case": case.pk, "store": case.store, "why": routing_explanation(case)}
        )
    if len(cases) > STORES_NAMED:
        lines.append(
            _("…and %(count)d more cases, listed on the complaint's page.")
            % {"count": len(cases) - STORES_NAMED}
        )
    lines.append(
        _(
            "Routing was done automatically, by the published table of routing rules (%(rules)s); no person "
            "chose the handling mode. To ask for a person to review how a case was routed, write to "
            "%(email)s with the case number."
        )
        % {
            "rules": site_url(reverse("transparency:routing_rules")),
            "email": settings.IPRGOV_ROUTING_REVIEW_EMAIL,
        }
    )
    lines.append(site_url(reverse("complaints:complaint_detail", args=[complaint_id])))
    return _("Acknowledgement of receipt: complaint %(number)s") % {"number": complaint_id}, "\n\n".join(
        lines
    )
