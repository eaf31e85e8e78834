"""Documents uploaded through the API (evidence, certificates, counter-notice files): the kinds the schema
names and the check every upload passes before a service keeps it."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from complaints.uploads import checked_upload

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
