from django import forms
from django.utils.translation import gettext_lazy as _

from platforms.models import Platform
from transparency.register import RegisterSearch


class RegisterSearchForm(forms.Form):
    right_number = forms.CharField(label=_("Right number"), required=False, max_length=60)
    platform = forms.ModelChoiceField(
        label=_("Platform"), queryset=Platform.objects.select_related("organisation"), required=False
    )
    store = forms.CharField(label=_("Store"), required=False, max_length=200)
    closed_from = forms.DateField(label=_("Closed from"), required=False)
    closed_to = forms.DateField(label=_("Closed until"), required=False)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def search(self) -> RegisterSearch:
        data = self.cleaned_data
        return RegisterSearch(
            right_number=data["right_number"],
            platform_pk=data["platform"].pk if data["platform"] else None,
            store=data["store"],
            closed_from=data["closed_from"],
            closed_to=data["closed_to"],
        )


class WithholdingForm(forms.Form):
    reason = forms.CharField(
        label=_("Why should this entry be withheld?"), widget=forms.Textarea, max_length=2000, strip=True
    )
