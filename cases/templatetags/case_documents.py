"""Case documents in the reader's language: `{% load case_documents %}`."""

from django import template

from cases.models import Case
from cases.routing_explanation import routing_explanation as explain

register = template.Library()


@register.filter
def routing_explanation(case: Case) -> str:
    return explain(case)


@register.inclusion_tag("cases/_text_of_record.html")
def text_of_record(text: str, *, multiline: bool = True) -> dict:
    """Free text a person wrote (statement of reasons, reasoning, measures): shown as written, marked so."""
    return {"text": text, "multiline": multiline}
