"""Downloads of official documents and case files, for the parties of a case, and the public verification
page. Every download goes through a case the reader may see (a user's organisation, or the respondent's
signed link); anything else is a 404."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from cases.links import LinkExpired, LinkInvalid, respondent_case_id
from cases.models import Case
from complaints.uploads import attachment_response
from documents.case_file import case_file_write
from documents.models import DocumentKind, OfficialDocument
from documents.records import DocumentNotAvailable
from documents.selectors import (
    case_for_documents,
    document_by_code,
    document_file,
    document_language,
    respondent_language,
)
from documents.services import document_issue
from documents.wording import WORDING
from iprgov.http import acting_user, found_or_404


def _language_or_400(request: HttpRequest, reader_language: str) -> str | HttpResponse:
    try:
        return document_language(request.GET.get("lang", ""), reader_language=reader_language)
    except ValueError:
        return HttpResponseBadRequest(_("Documents are issued in Chinese (zh-hans) and English (en) only."))


def _document_response(case: Case, kind: str, language: str) -> HttpResponse | FileResponse:
    """The stored PDF of the case's document, issued first if need be; refused (409) if its file was altered."""
    if kind not in DocumentKind.values:
        raise Http404
    try:
        document = document_issue(case_id=case.pk, kind=DocumentKind(kind))
    except DocumentNotAvailable as exc:
        raise Http404 from exc
    stored = document_file(document, language)
    # The one serving path checks the bytes it serves against the recorded SHA-256 (a 409 if altered).
    return attachment_response(stored.file, f"{document.number} {WORDING[language][document.kind]}")


def _case_file_response(case: Case, language: str, *, for_respondent: bool = False) -> FileResponse:
    response = FileResponse(
        case_file_write(case=case, language=language, for_respondent=for_respondent),
        as_attachment=True,
        filename=f"case-{case.pk}-file.zip",
        content_type="application/zip",
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _respondent_case(request: HttpRequest, token: str) -> Case | HttpResponse:
    """The case the respondent's link names, or the page saying why the link cannot be used."""
    try:
        case_id = respondent_case_id(token)
    except LinkExpired:
        return render(request, "respondents/link_refused.html", {"expired": True}, status=410)
    except LinkInvalid:
        return render(request, "respondents/link_refused.html", {"expired": False}, status=404)
    return Case.objects.select_related("store").get(pk=case_id)


@require_GET
@login_required
def case_document(request: HttpRequest, pk: int, kind: str) -> HttpResponse | FileResponse:
    case = found_or_404(case_for_documents, user=acting_user(request), case_id=pk)
    language = _language_or_400(request, get_language())
    if isinstance(language, HttpResponse):
        return language
    return _document_response(case, kind, language)


@require_GET
@login_required
def case_file(request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
    case = found_or_404(case_for_documents, user=acting_user(request), case_id=pk)
    language = _language_or_400(request, get_language())
    if isinstance(language, HttpResponse):
        return language
    return _case_file_response(case, language)


@never_cache
@require_GET
def respondent_document(request: HttpRequest, token: str, kind: str) -> HttpResponse | FileResponse:
    case = _respondent_case(request, token)
    if isinstance(case, HttpResponse):
        return case
    language = _language_or_400(request, respondent_language(case))
    if isinstance(language, HttpResponse):
        return language
    return _document_response(case, kind, language)


@never_cache
@require_GET
def respondent_case_file(request: HttpRequest, token: str) -> HttpResponse | FileResponse:
    case = _respondent_case(request, token)
    if isinstance(case, HttpResponse):
        return case
    language = _language_or_400(request, respondent_language(case))
    if isinstance(language, HttpResponse):
        return language
    return _case_file_response(case, language, for_respondent=True)


@require_GET
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: that a document with this code was issued, its number, issuer, date and files' SHA-256."""
    try:
        document = document_by_code(code=code.strip().upper())
    except OfficialDocument.DoesNotExist:
        return render(request, "documents/verify.html", {"code": code}, status=404)
    return render(request, "documents/verify.html", {"code": code, "document": document})
