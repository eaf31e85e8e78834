from django import forms
from django.utils.translation import gettext_lazy as _

from cases.services.bad_faith import MAX_SUSPENSION_DAYS
from programmes.models import BadFaithStepKind, ContestOutcome, Gravity


class BadFaithStepForm(forms.Form):
    """A person's decision on a filer, the factors counted by the service shown beside it."""

    kind = forms.ChoiceField(label=_("Step"), choices=BadFaithStepKind.choices)
    gravity = forms.ChoiceField(label=_("Gravity"), choices=Gravity.choices, initial=Gravity.MEDIUM)
    intent = forms.CharField(
        label=_("Signs of intent"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    reasons = forms.CharField(
        label=_("Reasons (the filer reads them)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence_cases = forms.TypedMultipleChoiceField(
        label=_("Evidence cases"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    days = forms.IntegerField(
        label=_("Suspend for (days)"),
        required=False,
        min_value=1,
        max_value=MAX_SUSPENSION_DAYS,
        help_text=_("For a suspension only."),
    )

    def __init__(self, *args: object, evidence_case_ids: list[int], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # Form's own positional arguments
        field = self.fields["evidence_cases"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(pk, _("Case %(number)s") % {"number": pk}) for pk in evidence_case_ids]
        field.initial = evidence_case_ids


class ContestForm(forms.Form):
    text = forms.CharField(label=_("Why the step is wrong"), widget=forms.Textarea(attrs={"rows": 3}))


class ContestDecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=ContestOutcome.choices)
    reason = forms.CharField(label=_("Reason (the filer reads it)"), widget=forms.Textarea(attrs={"rows": 2}))
