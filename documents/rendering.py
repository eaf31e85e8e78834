"""Official documents and case summaries rendered as PDF by WeasyPrint, with their CJK font embedded.

The templates (templates/documents/pdf/) print the fixed wording of `documents.wording` in the document's
language; the labels of the records' choices are printed in that language too. Free text is the text of
record and is printed as written.
"""

import base64
from types import ModuleType

import qrcode
import qrcode.image.svg
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from cases.parties import site_url
from documents.wording import WORDING, date_in


def verification_url(code: str) -> str:
    return site_url(reverse("documents:verify", args=[code]))


def qr_data_uri(text: str) -> str:
    """A QR code of `text` as an SVG data URI (vector, so it prints sharp at any size)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode()


def pdf_from_template(template: str, context: dict, *, language: str) -> bytes:
    """The template rendered in `language` (wording, dates, labels of choices) as PDF bytes."""
    with translation.override(language):
        html = render_to_string(
            template,
            {**context, "w": WORDING[language], "language": language, "date_in": date_in},
        )
    return _weasyprint().HTML(string=html, url_fetcher=fetcher()).write_pdf()


def _weasyprint() -> ModuleType:
    # WeasyPrint loads pango through ctypes when imported: only a process that makes a PDF pays for it, and
    # a machine without pango still runs everything else.
    import weasyprint

    return weasyprint


def fetcher() -> object:
    """A URL fetcher that reads `data:` URIs only: a document is made from its template and records alone,
    never from a file of the server or an address on the network (no SSRF through a rendered document)."""
    return _weasyprint().URLFetcher(allowed_protocols=("data",), fail_on_errors=True)
