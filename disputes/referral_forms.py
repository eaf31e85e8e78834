"""Forms of mediation and arbitration: proposing a body, answering a proposal, and the body's records."""

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaints.models import Listing
from disputes.models import AwardMeasure, DisputeResolutionBody, MeasuresWhileReferred


class ReferralForm(forms.Form):
    """The referral's forms share a page with the case's other forms: their ids are their own."""

    prefix_id = "referral"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.prefix_id}_%s")
        super().__init__(*args, **kwargs)


def body_label(body: DisputeResolutionBody) -> str:
    """What a party reads before choosing: the body, its kind, its fees, languages and time limit."""
    return _("%(name)s (%(kind)s) · fees: %(fees)s · languages: %(languages)s · %(days)d working days") % {
        "name": body,
        "kind": body.get_body_kind_display(),
        "fees": _("none") if body.is_free else body.fees,
        "languages": ", ".join(body.languages),
        "days": body.time_limit_working_days,
    }


class ReferralProposeForm(ReferralForm):
    body = forms.TypedChoiceField(label=gettext_lazy("Dispute-resolution body"), coerce=int)
    measures = forms.ChoiceField(
        label=gettext_lazy("The listings while the body works on the case"),
        choices=MeasuresWhileReferred.choices,
        initial=MeasuresWhileReferred.STAND,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("What you ask of the body"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("The other party reads it before accepting or refusing."),
    )

    def __init__(self, *args: Any, bodies: list[DisputeResolutionBody], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.TypedChoiceField, self.fields["body"]).choices = [
            (body.pk, body_label(body)) for body in bodies
        ]


class RespondentReferralProposeForm(ReferralProposeForm):
    name_given = forms.CharField(label=gettext_lazy("Your name or your store's name"), max_length=200)

    field_order = ["name_given", "body", "measures", "note"]


class ReferralAnswerForm(ReferralForm):
    prefix_id = "referral_answer"

    accept = forms.TypedChoiceField(
        label=gettext_lazy("Your answer"),
        choices=[
            ("yes", gettext_lazy("Accept: take the dispute to this body")),
            ("no", gettext_lazy("Refuse")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=gettext_lazy("Why you refuse"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Only when refusing: the other party reads it."),
    )


class RespondentReferralAnswerForm(ReferralAnswerForm):
    name_given = forms.CharField(label=gettext_lazy("Your name or your store's name"), max_length=200)

    field_order = ["name_given", "accept", "reason"]


class BodySessionForm(ReferralForm):
    prefix_id = "session"

    held_at = forms.DateTimeField(
        label=gettext_lazy("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
    )
    online = forms.BooleanField(label=gettext_lazy("Held online"), required=False)
    place = forms.CharField(label=gettext_lazy("Place, or the link to join"), max_length=300)
    notes = forms.CharField(
        label=gettext_lazy("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The time typed is read in the staff member's own zone (activated per user); say which one.
        self.fields["held_at"].help_text = _("In your time zone: %(zone)s.") % {
            "zone": timezone.get_current_timezone_name()
        }


class SettlementForm(ReferralForm):
    prefix_id = "settlement"

    terms = forms.CharField(
        label=gettext_lazy("Terms of the settlement"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("The case closes with them; both parties and the platform are told."),
    )


class AwardForm(ReferralForm):
    """The award's terms and, per listing of the case, its measure (none, take down or restore)."""

    prefix_id = "award"

    terms = forms.CharField(
        label=gettext_lazy("Terms of the award"), widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args: Any, listings: list[Listing], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.listings = listings
        for listing in listings:
            self.fields[f"listing_{listing.pk}"] = forms.ChoiceField(
                label=listing.listing_ref or listing.url,
                required=False,
                choices=[("", _("No measure")), *AwardMeasure.choices],
                help_text=listing.get_status_display(),
            )

    def measures(self) -> dict[int, str]:
        return {
            listing.pk: self.cleaned_data[f"listing_{listing.pk}"]
            for listing in self.listings
            if self.cleaned_data.get(f"listing_{listing.pk}")
        }
