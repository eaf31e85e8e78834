"""`{% load form_once %}{% form_token %}`: the hidden token that makes a one-shot form's POST count once
(iprgov.once)."""

import uuid

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def form_token() -> str:
    return format_html('<input type="hidden" name="form_token" value="{}">', uuid.uuid4())
