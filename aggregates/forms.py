"""The period and the filters of the statistics, read from the query string."""

import calendar
from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aggregates.report import GROUPINGS
from cases.models import HandlingMode
from complaints.models import RightType

MAX_PERIOD_DAYS = 3 * 366


class PeriodForm(forms.Form):
    """A month (YYYY-MM) or a start and an end date; the last 30 days when neither is given."""

    month = forms.CharField(label=_("Month"), required=False, help_text=_("For example 2026-11."))
    start = forms.DateField(label=_("From"), required=False)
    end = forms.DateField(label=_("To"), required=False)
    by = forms.ChoiceField(label=_("Grouped by"), choices=list(GROUPINGS.items()), required=False)
    right_type = forms.ChoiceField(
        label=_("Right type"), choices=[("", _("All")), *RightType.choices], required=False
    )
    mode = forms.ChoiceField(
        label=_("Handling mode"), choices=[("", _("All")), *HandlingMode.choices], required=False
    )
    trend = forms.ChoiceField(
        label=_("Trend by"), choices=[("week", _("Week")), ("month", _("Month"))], required=False
    )

    def clean_month(self) -> tuple[date, date] | None:
        value = self.cleaned_data["month"].strip()
        if not value:
            return None
        try:
            year, month = (int(part) for part in value.split("-"))
            first = date(year, month, 1)
        except ValueError as exc:
            raise forms.ValidationError(
                _("Give the month as YYYY-MM, for example 2026-11."), code="invalid"
            ) from exc
        return first, first.replace(day=calendar.monthrange(year, month)[1])

    def clean(self) -> dict:
        data = super().clean() or {}
        month = data.get("month")
        if month:
            data["start"], data["end"] = month
        else:
            data["end"] = data.get("end") or timezone.localdate()
            data["start"] = data.get("start") or data["end"] - timedelta(days=29)
        if data["start"] > data["end"]:
            self.add_error("end", forms.ValidationError(_("The end comes before the start."), code="invalid"))
        elif (data["end"] - data["start"]).days > MAX_PERIOD_DAYS:
            self.add_error(
                "start", forms.ValidationError(_("Choose a period of three years at most."), code="invalid")
            )
        data["by"] = data.get("by") or "platform_pk"
        data["trend"] = data.get("trend") or "week"
        return data
