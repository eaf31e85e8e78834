"""Which cases a figure of the dashboard stands for."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from aggregates.forms import PeriodForm
from supervision.selectors import DRILLABLE


class SupervisionPeriodForm(PeriodForm):
    """The period and filters of the dashboard, which shows platforms and offices side by side."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["by"]


class DrillForm(SupervisionPeriodForm):
    figure = forms.ChoiceField(label=_("Figure"), choices=[(f, f) for f in DRILLABLE])
    platform = forms.IntegerField(label=_("Platform"), required=False, min_value=1)
    office = forms.IntegerField(label=_("Office"), required=False, min_value=1)
