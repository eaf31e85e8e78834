"""Emails to whoever must act next, in their language. Sent after commit; a mail failure never undoes a case change."""

import logging

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cases.models import Case, HandlingMode
from cases.routing_explanation import routing_explanation
from iprgov.mail import mail_organisation

log = logging.getLogger(__name__)


def notify_case_routed(*, case_id: int) -> None:
    case = Case.objects.select_related("platform__organisation", "office__organisation", "routing_rule").get(
        pk=case_id
    )
    org = (
        case.office.organisation
        if case.mode != HandlingMode.PLATFORM and case.office
        else case.platform.organisation
    )
    if not org.contact_email:
        return

    def build() -> tuple[str, str]:
        subject = _("New case %(number)s: %(mode)s") % {"number": case.pk, "mode": case.get_mode_display()}
        body = _("Case %(number)s needs your action by %(deadline)s.\n\n%(reason)s") % {
            "number": case.pk,
            "deadline": date_format(case.deadline, "DATE_FORMAT") if case.deadline else "-",
            "reason": routing_explanation(case),
        }
        return subject, body

    mail_organisation(org, build)
