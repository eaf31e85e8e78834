"""Forms of the referral pages: referring cases, and the authority's report of an outcome."""

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from complaints.uploads import checked_upload
from law_enforcement.models import LawEnforcementAuthority, OutcomeKind


class CaseChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return _("Case %(number)s — store %(store)s (%(status)s)") % {
            "number": obj.pk,
            "store": obj.store,
            "status": obj.get_status_display(),
        }


class ReferralForm(forms.Form):
    cases = CaseChoiceField(
        label=_("Cases referred"),
        queryset=Case.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Cases against one store or a network of stores."),
    )
    authority = forms.ModelChoiceField(
        label=_("Law-enforcement authority"),
        queryset=LawEnforcementAuthority.objects.none(),
        help_text=_("It must serve the region of the stores."),
    )
    reason = forms.CharField(
        label=_("Reason for the referral"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What points to counterfeiting or other offences the authority can act on offline."),
    )

    def __init__(self, *args: Any, cases: Any, authorities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cases"].queryset = cases  # type: ignore[attr-defined]  # a ModelMultipleChoiceField
        self.fields["authority"].queryset = authorities  # type: ignore[attr-defined]  # a ModelChoiceField


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Outcome"), choices=OutcomeKind.choices)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 4}))
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("A report or a record of seizure: PDF, images or Office documents."),
    )

    def clean_file(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("file")
        return checked_upload(upload) if upload else None
