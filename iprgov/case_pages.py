"""Browser actions that the platform's and the office's case pages share; each console mounts them behind
its own guard and names its own case page to return to."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.services.respondent_contact import respondent_link_send
from iprgov.http import acting_user, found_or_404


@require_POST
def respondent_link_resend(request: HttpRequest, pk: int, *, case_page: str) -> HttpResponse:
    """Email the respondent its link again; a case outside the user's scope is a 404."""
    try:
        case = found_or_404(respondent_link_send, case_id=pk, actor=acting_user(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The link was sent to %(email)s.") % {"email": case.store.contact_email})
    return redirect(case_page, pk=pk)
