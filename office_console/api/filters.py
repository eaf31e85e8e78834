from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field

from cases.case_search import MIN_TEXT_LENGTH, case_search
from cases.models import Case, CaseStatus, HandlingMode

MAX_ID = 2**63 - 1


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.Filter):
    """An object's id: a whole number (NumberFilter reads decimals, and 1.5 would find object 1)."""

    field_class = forms.IntegerField

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=1, max_value=MAX_ID, **kwargs)


class CaseFilter(django_filters.FilterSet):
    mode = django_filters.ChoiceFilter(choices=HandlingMode.choices)
    status = django_filters.MultipleChoiceFilter(choices=CaseStatus.choices)
    platform = IdFilter(field_name="platform_id")
    complaint = IdFilter(field_name="complaint_id")
    # ISO dates only, as the schema says (a form's date field also reads the language's own formats).
    deadline_before = django_filters.DateFilter(
        field_name="deadline", lookup_expr="lte", input_formats=["%Y-%m-%d"]
    )
    deadline_after = django_filters.DateFilter(
        field_name="deadline", lookup_expr="gte", input_formats=["%Y-%m-%d"]
    )
    q = django_filters.CharFilter(
        method="search",
        min_length=MIN_TEXT_LENGTH,
        max_length=500,
        help_text="Case or complaint number, listing URL or id, store id or name, registration number, "
        "complainant (the consoles' search).",
    )
    # Changed at or after this moment (every action saves the case): what a client that missed events reads.
    updated_since = django_filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Case
        fields = [
            "mode",
            "status",
            "platform",
            "complaint",
            "deadline_before",
            "deadline_after",
            "q",
            "updated_since",
        ]

    def search(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        return case_search(queryset, value) if value.strip() else queryset
