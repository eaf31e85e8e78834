"""Case documents in the reader's language: `{% load case_documents %}`."""

from django import template

from cases.actions import RESPONDENT_INVOLVED, CaseAction
from cases.links import respondent_url
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


@register.inclusion_tag("cases/_respondent_contact.html", takes_context=True)
def respondent_contact(context: template.Context, case: Case, send_url: str, store_url: str = "") -> dict:
    """The respondent's current link and contact, for the platform's and the office's case pages, while the
    respondent has something to read or do; `send_url` (re)sends the link, `store_url` edits the contact."""
    request = context["request"]
    involved = case.status in RESPONDENT_INVOLVED
    return {
        "case": case,
        "involved": involved,
        "link": request.build_absolute_uri(respondent_url(case)) if involved else "",
        "can_send": CaseAction.RESPONDENT_LINK_SENT in (context.get("actions") or ()),
        "send_url": send_url,
        "store_url": store_url,
    }
