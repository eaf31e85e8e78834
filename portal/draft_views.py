"""Pages that write a complaint before submission: the complaint form (new or editing a draft), and removing
a draft's listings, evidence or the draft itself.

The complaint form keeps the files chosen on an attempt that came back with errors: they are staged under
the form's token (complaints.drafts.evidence_stage), listed on the form with a tick each, and attached when
the form is saved; untick one to leave it out.
"""

import uuid
from collections.abc import Callable
from functools import partial

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from accounts.permissions import rightsholder_required
from complaints import drafts, services
from complaints.models import Complaint, ComplaintStatus
from iprgov.form_errors import add_service_error
from iprgov.http import acting_user, found_or_404
from iprgov.once import once_per_form, posted_form_token
from portal import selectors
from portal.forms import ComplaintForm


def _open_draft(request: HttpRequest, pk: int) -> Complaint | None:
    """The organisation's draft `pk`; None (with a message saying why) once it is submitted."""
    complaint = found_or_404(selectors.complaint_get_for_holder, user=acting_user(request), complaint_id=pk)
    if complaint.status != ComplaintStatus.DRAFT:
        messages.error(request, _("A submitted complaint cannot be changed."))
        return None
    return complaint


def _initial(complaint: Complaint) -> dict:
    return {
        "right": complaint.right_id,
        "platform": complaint.platform_id,
        "infringement_type": complaint.infringement_type,
        "description": complaint.description,
        "good_faith_declared": complaint.good_faith_declared,
        "requested_administrative": complaint.requested_administrative,
    }


def _save(
    user: User, form: ComplaintForm, complaint: Complaint | None, evidence: list, submit: bool
) -> Complaint:
    arguments = {**form.service_arguments(), "evidence": evidence}
    if complaint is None:
        if submit:
            return services.complaint_file(actor=user, **arguments)
        return services.complaint_create(actor=user, **arguments)
    complaint = drafts.complaint_update(actor=user, complaint_id=complaint.pk, **arguments)
    if submit:
        return services.complaint_submit(complaint_id=complaint.pk, actor=user)
    return complaint


def _complaint_form_page(request: HttpRequest, complaint: Complaint | None) -> HttpResponse:
    """ "Save draft" keeps a draft, "Submit" creates (or updates) and submits it in one step."""
    user = acting_user(request)
    token = posted_form_token(request) or uuid.uuid4()
    initial = _initial(complaint) if complaint is not None else {}
    form = ComplaintForm(
        request.POST or None, request.FILES or None, user=user, editing=complaint is not None, initial=initial
    )
    if request.method == "POST":
        keep = {int(value) for value in request.POST.getlist("keep_files") if value.isdigit()}
        staged = drafts.staged_evidence_take(actor=user, form_token=token, keep=keep)
        # Anything but an explicit "Submit" keeps a draft: a draft can be submitted later, a submission
        # cannot be undone.
        submit = request.POST.get("action") == ComplaintForm.SUBMIT
        if form.is_valid() and complaint is None and submit:
            again = selectors.complaint_just_filed(user=user, fields=form.cleaned_data)
            if again is not None:
                messages.info(
                    request, _("%(complaint)s was already submitted: here it is.") % {"complaint": again}
                )
                return redirect("complaints:complaint_detail", pk=again.pk)
        if form.is_valid():
            try:
                saved = _save(user, form, complaint, [*form.cleaned_data["evidence"], *staged], submit)
            except ValidationError as exc:
                add_service_error(form, exc)
            else:
                if submit:
                    messages.success(
                        request,
                        _("%(complaint)s is submitted. It is being split into one case per store and routed.")
                        % {"complaint": saved},
                    )
                else:
                    messages.success(request, _("%(complaint)s is saved as a draft.") % {"complaint": saved})
                return redirect("complaints:complaint_detail", pk=saved.pk)
        drafts.evidence_stage(actor=user, form_token=token, uploads=form.checked_evidence())
    has_rights = form.fields["right"].queryset.exists()  # type: ignore[attr-defined]  # a ModelChoiceField
    return render(
        request,
        "complaints/complaint_form.html",
        {
            "form": form,
            "has_rights": has_rights,
            "complaint": complaint,
            "form_token": token,
            "staged": drafts.staged_evidence(actor=user, form_token=token),
        },
    )


@require_http_methods(["GET", "POST"])
@rightsholder_required
@once_per_form
def complaint_create(request: HttpRequest) -> HttpResponse:
    return _complaint_form_page(request, None)


@require_http_methods(["GET", "POST"])
@rightsholder_required
@once_per_form
def complaint_edit(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _open_draft(request, pk)
    if complaint is None:
        return redirect("complaints:complaint_detail", pk=pk)
    return _complaint_form_page(request, complaint)


def _draft_change(request: HttpRequest, pk: int, change: Callable[..., object], done: str) -> HttpResponse:
    complaint = _open_draft(request, pk)
    if complaint is not None:
        try:
            change(actor=acting_user(request), complaint_id=complaint.pk)
        except ObjectDoesNotExist as exc:  # a listing or file of another complaint
            raise Http404 from exc
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, done)
    return redirect("complaints:complaint_detail", pk=pk)


@require_POST
@rightsholder_required
def listing_remove(request: HttpRequest, pk: int, listing_id: int) -> HttpResponse:
    remove = partial(drafts.complaint_remove_listings, listing_id=listing_id)
    return _draft_change(request, pk, remove, _("The listing is removed from the draft."))


@require_POST
@rightsholder_required
def store_remove(request: HttpRequest, pk: int) -> HttpResponse:
    store_ref = request.POST.get("store_ref", "").strip()
    remove = partial(drafts.complaint_remove_listings, store_ref=store_ref)
    done = _("The listings of store %(store)s are removed from the draft.") % {"store": store_ref}
    return _draft_change(request, pk, remove, done)


@require_POST
@rightsholder_required
def evidence_remove(request: HttpRequest, pk: int, evidence_id: int) -> HttpResponse:
    remove = partial(drafts.complaint_remove_evidence, evidence_id=evidence_id)
    return _draft_change(request, pk, remove, _("The file is removed from the draft."))


@require_POST
@rightsholder_required
def complaint_delete(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = _open_draft(request, pk)
    if complaint is None:
        return redirect("complaints:complaint_detail", pk=pk)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick “Yes, delete this draft” to delete it."))
        return redirect("complaints:complaint_detail", pk=pk)
    drafts.complaint_delete_draft(actor=acting_user(request), complaint_id=complaint.pk)
    messages.success(request, _("%(complaint)s is deleted.") % {"complaint": complaint})
    return redirect("complaints:home")
