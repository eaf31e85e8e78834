"""Officials suspend a complainant's filing (on every platform) from a case in their docket."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import office_required
from cases.forms import SuspendFilingForm
from cases.selectors import cases_visible_to
from cases.services.bad_faith import filing_suspend
from iprgov.http import acting_user, found_or_404


@office_required
@require_POST
def complainant_suspend(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    case = found_or_404(cases_visible_to(user).get, pk=pk)
    form = SuspendFilingForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("enforcement:case_detail", pk=pk)
    try:
        suspension = filing_suspend(
            actor=user,
            organisation_id=case.complaint.filed_by_org_id,
            days=form.cleaned_data["days"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Filing suspended until %(date)s.")
            % {"date": date_format(timezone.localtime(suspension.until), "DATE_FORMAT")},
        )
    return redirect("enforcement:case_detail", pk=pk)
