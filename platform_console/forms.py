"""Forms of the platform console: the queue filter and the per-listing decision."""

from collections.abc import Mapping, Sequence
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import AdministrativeDecision, CaseStatus, DeterminationOpinion, HandlingMode
from complaints.models import Listing, ListingStatus
from platforms.models import DecisionAction, ReasonCode, Store

# The platform never sees a case before it is routed (case_list_for_platform leaves them out).
QUEUE_STATUSES = [(value, label) for value, label in CaseStatus.choices if value != CaseStatus.NEW]


class QueueFilterForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("Handling mode"), required=False, choices=[("", _("All modes")), *HandlingMode.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *QUEUE_STATUSES]
    )


class ListingDecisionForm(forms.Form):
    """One decision (take down or reject) for the chosen pending listings of a case.

    Every listing of the case is a valid choice but only pending ones are offered: a listing that
    someone else decided after this page was loaded then reaches the service, which answers with a
    readable conflict instead of the form's generic "not one of the available choices".
    """

    listings = forms.TypedMultipleChoiceField(
        label=_("Listings"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one listing.")},
    )
    action = forms.ChoiceField(label=_("Decision"), choices=DecisionAction.choices, widget=forms.RadioSelect)
    reason_code = forms.ChoiceField(label=_("Reason"), choices=ReasonCode.choices)
    statement = forms.CharField(
        label=_("Statement of reasons"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Sent to the respondent with the notice. Explain the decision in plain words."),
        error_messages={"required": _("Give a statement of reasons; the respondent receives it.")},
    )

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        listings: Sequence[Listing],
        opinion: DeterminationOpinion | None = None,
        decision: AdministrativeDecision | None = None,
        reasons: list[tuple[str, str]] | None = None,
    ) -> None:
        super().__init__(data)
        if reasons is not None:
            cast(forms.ChoiceField, self.fields["reason_code"]).choices = reasons
        pending = [(item.pk, str(item)) for item in listings if item.status == ListingStatus.PENDING]
        field = cast(forms.TypedMultipleChoiceField, self.fields["listings"])
        field.choices = [(listing.pk, str(listing)) for listing in listings]
        field.widget.choices = pending
        field.initial = [pk for pk, _label in pending]
        if decision is not None:
            established = decision.infringement_established
            self.fields["action"].initial = DecisionAction.TAKE_DOWN if established else DecisionAction.REJECT
            self.fields["reason_code"].initial = ReasonCode.OFFICE_DECISION
        elif opinion is not None:
            self.fields["reason_code"].initial = ReasonCode.OFFICE_OPINION


class InformationRequestForm(forms.Form):
    question = forms.CharField(
        label=_("Information needed from the complainant"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what information you need.")},
    )


class BulkDecisionForm(forms.Form):
    """One decision for every pending listing of each chosen case."""

    cases = forms.TypedMultipleChoiceField(
        label=_("Cases"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one case.")},
    )
    action = forms.ChoiceField(label=_("Decision"), choices=DecisionAction.choices, widget=forms.RadioSelect)
    reason_code = forms.ChoiceField(label=_("Reason"))
    statement = forms.CharField(
        label=_("Statement of reasons"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Sent to each respondent with the notice."),
        error_messages={"required": _("Give a statement of reasons; the respondent receives it.")},
    )

    def __init__(self, data: Mapping[str, Any] | None = None, *, cases: Sequence[Any], reasons: list) -> None:
        super().__init__(data)
        field = cast(forms.TypedMultipleChoiceField, self.fields["cases"])
        field.choices = [(case.pk, f"{case.pk} · {case.store}") for case in cases]
        field.initial = [case.pk for case in cases]
        cast(forms.ChoiceField, self.fields["reason_code"]).choices = reasons


class StoreContactForm(forms.ModelForm):
    """How the platform reaches the respondent: emails go to the contact in its language."""

    class Meta:
        model = Store
        fields = ["contact_email", "language", "region"]
