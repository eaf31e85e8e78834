"""What the parties do on an administrative case from their own consoles: the complainant's consent, and the
platform's confirmation that it executed the office's decision. The respondent answers on its signed link
(respondents.views)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import platform_required, rightsholder_required
from cases.forms import ConsentForm
from cases.models import Case
from cases.selectors import case_page
from cases.services.administrative import execution_confirm
from cases.services.consent import consent_answer_complainant
from iprgov.form_errors import add_service_error
from iprgov.http import acting_user, found_or_404
from office_console.forms import ExecutionConfirmForm


@rightsholder_required
@require_POST
def consent_answer(request: HttpRequest, pk: int) -> HttpResponse:
    page = found_or_404(case_page, user=acting_user(request), case_id=pk)
    form = ConsentForm(request.POST)
    if form.is_valid():
        try:
            consent_answer_complainant(case_id=pk, actor=acting_user(request), **form.cleaned_data)
        except Case.DoesNotExist as exc:  # pragma: no cover — the page above is scoped the same way
            raise Http404 from exc
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Your answer was recorded."))
            return redirect("complaints:case_detail", pk=pk)
    return render(request, "complaints/case_detail.html", {**page, "consent_form": form}, status=400)


@platform_required
@require_POST
def execution_confirm_view(request: HttpRequest, pk: int) -> HttpResponse:
    found_or_404(case_page, user=acting_user(request), case_id=pk)
    form = ExecutionConfirmForm(request.POST)
    if form.is_valid():
        try:
            execution_confirm(case_id=pk, actor=acting_user(request), note=form.cleaned_data["note"])
        except Case.DoesNotExist as exc:  # pragma: no cover — the page above is scoped the same way
            raise Http404 from exc
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Execution confirmed; the case is closed."))
    return redirect("platforms:case_detail", pk=pk)
