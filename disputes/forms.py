"""Forms of the disputes pages: asking for a review of a platform's decision, and answering it."""

from typing import Any, cast

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from cases.models import ReviewOutcome
from complaints.uploads import checked_upload


class ReviewForm(forms.Form):
    """The review's forms share a page with the case's other forms: their ids are their own."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "review_%s")
        super().__init__(*args, **kwargs)


class ReviewRequestForm(ReviewForm):
    reasons = forms.CharField(
        label=_("Why the decision should be reviewed"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The review is free. Say what the decision got wrong and what shows it."),
    )
    evidence = forms.FileField(
        label=_("Evidence file"),
        required=False,
        help_text=_("Invoices, licences, certificates: PDF, images or Office documents."),
    )

    def clean_evidence(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("evidence")
        return checked_upload(upload) if upload else None

    def evidence_files(self) -> list[UploadedFile]:
        upload = self.cleaned_data.get("evidence")
        return [upload] if upload else []


class RespondentReviewRequestForm(ReviewRequestForm):
    name_given = forms.CharField(label=_("Your name or your store's name"), max_length=200)

    field_order = ["name_given", "reasons", "evidence"]


class ReviewDecideForm(ReviewForm):
    outcome = forms.ChoiceField(label=_("Answer"), choices=ReviewOutcome.choices, widget=forms.RadioSelect)
    answer = forms.CharField(
        label=_("Reasons for the answer"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Both parties receive them, with the further options open to them."),
    )
    reason_code = forms.ChoiceField(
        label=_("Reason for the measures"),
        required=False,
        help_text=_("Only when reversing a rejection: the listings are then taken down for this reason."),
    )

    def __init__(self, *args: Any, reasons: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["reason_code"]).choices = [("", "—"), *reasons]
