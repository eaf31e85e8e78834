"""An agency's letters of authorisation: registered with the letter, verified by an operator, revoked by the
agency when its client withdraws it. The letter opens to the agency and to operators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.permissions import rightsholder_required
from complaints.authorisations import authorisation_register, authorisation_revoke, authorisations_of
from complaints.uploads import attachment_response
from iprgov.form_errors import add_service_error
from iprgov.http import acting_user, found_or_404
from portal import selectors
from portal.forms import AuthorisationForm, RevocationForm

PAGE_SIZE = 25


@require_GET
@rightsholder_required
def authorisation_list(request: HttpRequest) -> HttpResponse:
    letters = Paginator(
        authorisations_of(actor=acting_user(request)).prefetch_related("rights"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "complaints/authorisation_list.html",
        {"page_obj": letters, "query_without_page": "", "revocation_form": RevocationForm()},
    )


@require_http_methods(["GET", "POST"])
@rightsholder_required
def authorisation_create(request: HttpRequest) -> HttpResponse:
    form = AuthorisationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            letter = authorisation_register(actor=acting_user(request), **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _(
                    "The letter from %(principal)s is registered. Once an operator has verified it, register "
                    "the rights it covers with it and file on them."
                )
                % {"principal": letter.principal_name},
            )
            return redirect("complaints:authorisation_list")
    return render(request, "complaints/authorisation_form.html", {"form": form})


@require_POST
@rightsholder_required
def authorisation_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    if not authorisations_of(actor=acting_user(request)).filter(pk=pk).exists():
        raise Http404
    form = RevocationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the letter is revoked."))
        return redirect("complaints:authorisation_list")
    authorisation_revoke(authorisation_id=pk, actor=acting_user(request), reason=form.cleaned_data["reason"])
    messages.success(request, _("The letter is revoked: no complaint can be filed under it any more."))
    return redirect("complaints:authorisation_list")


@require_GET
@login_required
def authorisation_letter(request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
    """The letter itself, to the agency, to operators who verify it and to the platform and the office of a
    case filed under it."""
    letter = found_or_404(
        selectors.authorisation_get_for_user, user=acting_user(request), authorisation_id=pk
    )
    return attachment_response(letter.letter, _("letter of authorisation"))
