"""Documents uploaded through the API (evidence, certificates, counter-notice files): the kinds the schema
names and the check every upload passes before a service keeps it."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.http.response import HttpResponseBase
from rest_framework import serializers

from complaints.uploads import attachment_response, checked_upload

# The kinds of file that complaints.uploads.sniff_extension accepts by their content, and that bulk filing
# reads: the schema's multipart encoding names them.
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCUMENT_ENCODING = {
    "contentType": ", ".join(
        [
            "application/pdf",
            "image/png",
            "image/jpeg",
            "image/gif",
            "image/webp",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            XLSX,
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.oasis.opendocument.text",
            "application/vnd.oasis.opendocument.spreadsheet",
            "application/vnd.oasis.opendocument.presentation",
        ]
    )
}


def checked_document(upload: Any) -> Any:
    """The upload once complaints.uploads.checked_upload passed it; a 400 naming the field otherwise."""
    try:
        return checked_upload(upload)
    except DjangoValidationError as exc:
        raise serializers.ValidationError(exc.messages, code=exc.code or "invalid") from exc


def api_download(stored: FieldFile, original_name: str) -> HttpResponseBase:
    """A stored file as the API serves it: named as on the pages, always as application/octet-stream (the
    one media type its schema names); the caller has already checked that the user may see it. A file that
    no longer matches its recorded hash is refused (409), never served."""
    response = attachment_response(stored, original_name)
    if isinstance(response, FileResponse):
        response["Content-Type"] = "application/octet-stream"
    return response
