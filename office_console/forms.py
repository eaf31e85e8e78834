"""Forms of the office console. They parse input; the business rules live in enforcement.services.office."""

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import OpinionOutcome, SessionKind


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


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Reasons for declining"), widget=forms.Textarea(attrs={"rows": 3}))


class AssignForm(forms.Form):
    officials = forms.TypedMultipleChoiceField(
        label=_("Assigned officials"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The suggestion is the official with the fewest open cases."),
    )

    def __init__(self, *args: Any, officials: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["officials"]).choices = [
            (
                o.pk,
                _("%(name)s (%(count)d open cases)")
                % {"name": o.get_full_name() or o.get_username(), "count": o.open_assignments},
            )
            for o in officials or []
        ]


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=SessionKind.choices)
    scheduled_for = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
    )
    location = forms.CharField(label=_("Place or how to join"), max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The time typed is read in the official's own zone (activated per user); say which one.
        self.fields["scheduled_for"].help_text = _("In your time zone: %(zone)s.") % {
            "zone": timezone.get_current_timezone_name()
        }


class MediationResultForm(forms.Form):
    session = forms.TypedChoiceField(label=_("Mediation session"), coerce=int)
    agreed = forms.TypedChoiceField(
        label=_("Result"),
        choices=[("yes", _("Mediation agreement reached")), ("no", _("Mediation failed"))],
        coerce=_yes,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Terms of the agreement, or why mediation failed"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, sessions: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["session"]).choices = [(s.pk, str(s)) for s in sessions or []]


class _OfficeChoiceForm(forms.Form):
    to_office = forms.TypedChoiceField(label=_("Office"), coerce=int)

    def __init__(self, *args: Any, offices: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["to_office"]).choices = [(o.pk, str(o)) for o in offices or []]


class TransferForm(_OfficeChoiceForm):
    reason = forms.CharField(label=_("Reasons for the transfer"), widget=forms.Textarea(attrs={"rows": 3}))


class AssistanceForm(_OfficeChoiceForm):
    request = forms.CharField(
        label=_("What you ask the other office to do"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: investigate the respondent's premises in its region."),
    )


class TransferAnswerForm(forms.Form):
    transfer = forms.IntegerField(widget=forms.HiddenInput)
    accept = forms.TypedChoiceField(
        label=_("Answer"),
        choices=[("yes", _("Accept the case")), ("no", _("Decline"))],
        coerce=_yes,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reasons"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you decline."),
    )


class AssistanceAnswerForm(forms.Form):
    request = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3}))
    declined = forms.BooleanField(
        label=_("Decline the request (the answer gives the reasons)"), required=False
    )


class ExecutionConfirmForm(forms.Form):
    note = forms.CharField(
        label=_("How the decision was executed"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
