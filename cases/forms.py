"""Forms that more than one kind of party fills in on a case: consent answers, filing suspensions and
re-routing (an office's manager on the case page, an operator in the admin)."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import HandlingMode


def _yes(value: str) -> bool:
    return value == "yes"


class ConsentForm(forms.Form):
    """A party's answer to the consent request (the complainant in the portal)."""

    consent = forms.TypedChoiceField(
        label=_("Do you consent to administrative handling by the IPR office?"),
        choices=[("yes", _("I consent")), ("no", _("I refuse"))],
        coerce=_yes,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you refuse."),
    )


class RespondentConsentForm(ConsentForm):
    name = forms.CharField(label=_("Your name or your store's name"), max_length=200)

    field_order = ["name", "consent", "reason"]


class SuspendFilingForm(forms.Form):
    days = forms.IntegerField(label=_("Suspend filing for (days)"), min_value=1, max_value=365, initial=30)
    reason = forms.CharField(
        label=_("Why filing is suspended (the complainant is told)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("State the reason; the complainant is told it.")},
    )


class RerouteForm(forms.Form):
    mode = forms.ChoiceField(label=_("Handling mode"), choices=HandlingMode.choices)
    office = forms.TypedChoiceField(
        label=_("Office"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Leave empty to keep the case's office."),
    )
    reason = forms.CharField(
        label=_("Reason for re-routing (the parties are told)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reason for re-routing the case.")},
    )

    def __init__(self, *args: Any, offices: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["office"]).choices = [
            ("", _("Keep the case's office")),
            *((o.pk, str(o)) for o in offices or []),
        ]
