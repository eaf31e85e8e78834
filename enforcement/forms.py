"""Forms of the office console. They parse input; the business rules live in enforcement.services.office."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from enforcement.models import CaseStatus, HandlingMode, OpinionOutcome


class DocketFilterForm(forms.Form):
    """Query-string filters of the docket; an empty value means "the default docket"."""

    mode = forms.ChoiceField(
        label=_("Handling mode"),
        required=False,
        choices=[("", _("Opinions and administrative cases")), *HandlingMode.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *CaseStatus.choices]
    )


class OpinionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Opinion"), choices=OpinionOutcome.choices, widget=forms.RadioSelect)
    reasoning = forms.CharField(label=_("Reasoning"), widget=forms.Textarea(attrs={"rows": 6}))
    technical_comparison = forms.CharField(
        label=_("Technical comparison notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("For patents: the claim features compared with the product in the listings."),
    )


def _yes(value: str) -> bool:
    return value == "yes"


class DecisionForm(forms.Form):
    infringement_established = forms.TypedChoiceField(
        label=_("Infringement established"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=_yes,
        widget=forms.RadioSelect,
    )
    measures_ordered = forms.CharField(
        label=_("Measures ordered"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when infringement is established: what the platform must do."),
    )
    reasoning = forms.CharField(label=_("Reasoning"), widget=forms.Textarea(attrs={"rows": 6}))


def add_service_error(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: next to a field the form has, otherwise above it."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)
