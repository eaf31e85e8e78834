"""The official documents a case page offers, and dates as a document of one language writes them."""

from collections.abc import Iterable
from datetime import date

from django import template

from cases.models import AdministrativeDecision, Case, ConsentRequest, DeterminationOpinion
from documents.models import DocumentKind, DocumentLanguage
from documents.records import kinds_available
from documents.wording import date_in

register = template.Library()


@register.simple_tag
def case_document_kinds(
    case: Case,
    opinion: DeterminationOpinion | None,
    decision: AdministrativeDecision | None,
    consents: Iterable[ConsentRequest] | None,
) -> list[tuple[str, str]]:
    """(kind, label) of every document the case has, from the records the page already read (no query)."""
    kinds = kinds_available(case, opinion=opinion or None, decision=decision or None, consents=consents or [])
    return [(kind.value, str(DocumentKind(kind).label)) for kind in kinds]


@register.simple_tag
def document_languages() -> list[tuple[str, str]]:
    return list(DocumentLanguage.choices)


@register.filter
def document_date(day: date, language: str) -> str:
    return date_in(language, day)
