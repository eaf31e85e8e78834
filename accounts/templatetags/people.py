"""People as the pages show them: `{% load people %}` then `{{ user|person }}`."""

from django import template

from accounts.models import User

register = template.Library()


@register.filter
def person(user: User | None) -> str:
    """Name and organisation (User.shown_as); empty for no one."""
    return user.shown_as() if user is not None else ""
