"""How a figure reads on a page: a range for a small count, a percentage for a share, hours for a
duration."""

from collections.abc import Mapping
from typing import Any

from django import template
from django.utils.translation import gettext as _

from aggregates.selectors import Figures

register = template.Library()


@register.filter
def count_shown(value: int | str) -> str:
    if isinstance(value, str):  # the public statistics' range for a small count, "<5"
        return _("fewer than %(n)s") % {"n": value.removeprefix("<")}
    return str(value)


@register.filter
def rate_shown(value: float | int | None, name: str) -> str:
    if value is None:
        return "–"
    if name.endswith(("_share", "_rate")):
        return f"{value * 100:.1f} %"
    return _("≤ %(hours)s h") % {"hours": value} if value <= 720 else _("> 720 h")


@register.filter
def figure_count(figures: Figures, figure: str) -> int:
    return figures.count(figure)


@register.filter
def lookup(mapping: Mapping[Any, Any], key: Any) -> Any:
    return mapping.get(key)
