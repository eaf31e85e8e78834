import django_filters

from cases.models import Case, CaseStatus, HandlingMode


class CaseFilter(django_filters.FilterSet):
    mode = django_filters.ChoiceFilter(choices=HandlingMode.choices)
    status = django_filters.MultipleChoiceFilter(choices=CaseStatus.choices)
    platform = django_filters.NumberFilter(field_name="platform_id", min_value=1)
    complaint = django_filters.NumberFilter(field_name="complaint_id", min_value=1)
    deadline_before = django_filters.DateFilter(field_name="deadline", lookup_expr="lte")
    deadline_after = django_filters.DateFilter(field_name="deadline", lookup_expr="gte")

    class Meta:
        model = Case
        fields = ["mode", "status", "platform", "complaint", "deadline_before", "deadline_after"]
