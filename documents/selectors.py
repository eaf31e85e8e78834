"""Reads of official documents: through a case the reader may see, or by a verification code (public)."""

from django.conf import settings
from django.db.models import QuerySet

from accounts.models import User
from cases.models import Case
from cases.selectors import cases_visible_to
from documents.models import DocumentFile, DocumentLanguage, OfficialDocument


def case_for_documents(*, user: User, case_id: int) -> Case:
    """A case whose documents and case file the user's organisation may download; Case.DoesNotExist otherwise.

    Every party that sees a case (the complainant, the platform, the office of jurisdiction) is entitled to
    each of its documents: each is addressed to, issued by or relied on by all of them.
    """
    return cases_visible_to(user).select_related("store").get(pk=case_id)


def document_language(requested: str, *, reader_language: str) -> str:
    """The language chosen on download, else the reader's own (Chinese or English, whichever it is closer to).

    ValueError for a language documents are not issued in.
    """
    if requested:
        if requested not in DocumentLanguage.values:
            raise ValueError(requested)
        return requested
    return DocumentLanguage.CHINESE if reader_language.lower().startswith("zh") else DocumentLanguage.ENGLISH


def respondent_language(case: Case) -> str:
    """The respondent reads in its store's language, else the site's."""
    return case.store.language or settings.LANGUAGE_CODE


def document_file(document: OfficialDocument, language: str) -> DocumentFile:
    return document.files.get(language=language)


def documents_of_case(*, case: Case) -> QuerySet[OfficialDocument]:
    """The documents issued for a case the caller already fetched in scope, with their files."""
    return OfficialDocument.objects.filter(case=case).prefetch_related("files").order_by("issued_on", "pk")


def document_by_code(*, code: str) -> OfficialDocument:
    """The document a verification code names (the public page); OfficialDocument.DoesNotExist otherwise."""
    return (
        OfficialDocument.objects.select_related("issuer")
        .prefetch_related("files")
        .get(verification_code=code)
    )
