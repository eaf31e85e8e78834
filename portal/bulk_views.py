"""Browser pages of bulk filing: upload a CSV/XLSX to a draft, watch its progress, start a failed one
again, download refused rows."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.permissions import rightsholder_required
from complaints import bulk_uploads
from complaints.listing_rows import POSITIONAL, aliases_of
from complaints.models import BulkUpload, BulkUploadStatus, Complaint, ComplaintStatus
from iprgov.form_errors import add_service_error
from iprgov.http import acting_user, found_or_404
from portal import selectors


class BulkUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV or XLSX file"),
        help_text=gettext_lazy(
            "One listing per row, in the columns below. Up to 100,000 rows; uploading the same file again "
            "adds nothing."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )


# The columns of a bulk file (complaints.listing_rows), as the upload page explains them.
COLUMNS = [
    ("listing", gettext_lazy("The listing: its URL or the platform's listing id. Required.")),
    ("url", gettext_lazy("The listing URL, as a column of its own.")),
    ("listing_ref", gettext_lazy("The platform's listing id, as a column of its own.")),
    ("store_ref", gettext_lazy("The store id on the platform. Required.")),
    ("store_name", gettext_lazy("The store's name.")),
    (
        "store_email",
        gettext_lazy(
            "The store's contact email: the respondent's notice and links go there when the platform has "
            "no contact for the store."
        ),
    ),
    ("store_language", gettext_lazy("The language of the store's emails: en or zh-hans.")),
    ("store_region", gettext_lazy("The store's region, by its division code (for example 510100).")),
]


def _complaint_or_404(request: HttpRequest, pk: int) -> Complaint:
    return found_or_404(selectors.complaint_get_for_holder, user=acting_user(request), complaint_id=pk)


def _upload_or_404(request: HttpRequest, pk: int, upload_id: int) -> BulkUpload:
    upload = found_or_404(
        selectors.bulk_upload_get_for_holder, user=acting_user(request), upload_id=upload_id
    )
    if upload.complaint_id != pk:
        raise Http404
    return upload


@require_http_methods(["GET", "POST"])
@rightsholder_required
def bulk_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload form and the complaint's uploads: what became of the rows of each finished one, and a progress
    bar that updates itself for one still being read (by a worker)."""
    complaint = _complaint_or_404(request, pk)
    form = BulkUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            upload, created = bulk_uploads.bulk_upload_start(
                actor=acting_user(request), complaint_id=complaint.pk, upload=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            _tell_what_became_of(request, upload, created)
            return redirect("complaints:bulk_upload", pk=complaint.pk)
    uploads = complaint.bulk_uploads.order_by("-created_at", "-pk")[:20]
    return render(
        request,
        "complaints/bulk_upload.html",
        {
            "complaint": complaint,
            "form": form,
            "uploads": uploads,
            "is_draft": complaint.status == ComplaintStatus.DRAFT,
            "columns": [(name, aliases_of(name), description) for name, description in COLUMNS],
            "positional": POSITIONAL,
            # Without a broker the file is read in this request: the page comes back with it finished.
            "read_while_waiting": settings.CELERY_TASK_ALWAYS_EAGER,
        },
    )


def _tell_what_became_of(request: HttpRequest, upload: BulkUpload, created: bool) -> None:
    if not created:
        messages.info(request, _("This file was already uploaded to this complaint; it is not read twice."))
        return
    upload.refresh_from_db()  # read by now when there is no broker: tasks run in-process, after commit
    if upload.status == BulkUploadStatus.DONE:
        messages.success(request, bulk_uploads.bulk_upload_summary(upload))
    elif upload.status == BulkUploadStatus.FAILED:
        messages.error(request, bulk_uploads.bulk_upload_summary(upload))
    else:
        messages.success(request, _("The file is being read; the listings appear as it goes."))


@require_GET
@rightsholder_required
def bulk_upload_progress(request: HttpRequest, pk: int, upload_id: int) -> HttpResponse:
    """The progress row of one upload (polled by HTMX every second until the upload is finished)."""
    upload = _upload_or_404(request, pk, upload_id)
    return render(request, "complaints/_bulk_progress.html", {"upload": upload, "complaint_id": pk})


@require_POST
@rightsholder_required
def bulk_upload_retry(request: HttpRequest, pk: int, upload_id: int) -> HttpResponse:
    upload = _upload_or_404(request, pk, upload_id)
    try:
        bulk_uploads.bulk_upload_retry(actor=acting_user(request), upload_id=upload.pk)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The file is being read again from where it stopped."))
    return redirect("complaints:bulk_upload", pk=pk)


@require_GET
@rightsholder_required
def bulk_upload_errors(request: HttpRequest, pk: int, upload_id: int) -> StreamingHttpResponse:
    upload = _upload_or_404(request, pk, upload_id)
    response = StreamingHttpResponse(
        bulk_uploads.error_report_csv(upload), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="bulk-upload-{upload.pk}-errors.csv"'
    return response
