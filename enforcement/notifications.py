"""Emails to whoever must act next. Sent after commit; a mail failure never undoes a case change."""

import logging

from django.core.mail import send_mail
from django.utils.translation import gettext as _

from enforcement.models import Case, HandlingMode

log = logging.getLogger(__name__)


def notify_case_routed(*, case_id: int) -> None:
    case = Case.objects.select_related("platform__organisation", "office__organisation").get(pk=case_id)
    org = case.office.organisation if case.mode != HandlingMode.PLATFORM and case.office else case.platform.organisation
    if not org.contact_email:
        return
    subject = _("New case %(number)s: %(mode)s") % {"number": case.pk, "mode": case.get_mode_display()}
    body = _("Case %(number)s needs your action by %(deadline)s.\n\n%(reason)s") % {
        "number": case.pk,
        "deadline": case.deadline.isoformat() if case.deadline else "-",
        "reason": case.routing_reason,
    }
    try:
        send_mail(subject, body, None, [org.contact_email])
    except OSError:
        log.warning("Notice of case %s to %s not sent", case.pk, org.contact_email, exc_info=True)
