"""Whether an organisation may file: the suspensions that operators, platforms or offices put on it."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import FilingSuspension


def filing_suspension_active(
    *, organisation_id: int, platform_id: int | None = None, now: datetime | None = None
) -> FilingSuspension | None:
    """The suspension that stops the organisation filing (against `platform_id`, or anywhere when None)."""
    scope = Q(platform__isnull=True)
    if platform_id is not None:
        scope |= Q(platform_id=platform_id)
    return (
        FilingSuspension.objects.filter(
            scope, organisation_id=organisation_id, until__gt=now or timezone.now()
        )
        .order_by("-until")
        .first()
    )


def filing_refuse_if_suspended(*, organisation_id: int, platform_id: int | None) -> None:
    """ValidationError (code filing_suspended) with the stated reason when the organisation may not file."""
    suspension = filing_suspension_active(organisation_id=organisation_id, platform_id=platform_id)
    if suspension is not None:
        raise ValidationError(
            _("Filing is suspended until %(until)s: %(reason)s")
            % {
                "until": date_format(timezone.localtime(suspension.until), "DATE_FORMAT"),
                "reason": suspension.reason,
            },
            code="filing_suspended",
        )
