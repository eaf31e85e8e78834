"""The respondent's counter-notice form."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from complaints.uploads import checked_upload

MAX_FILES = 10


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_FILES:
            raise ValidationError(_("At most %(max)d files.") % {"max": MAX_FILES})
        errors, cleaned = [], []
        for upload in files:
            try:
                cleaned.append(checked_upload(super().clean(upload, initial)))
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        return cleaned


class CounterNoticeForm(forms.Form):
    respondent_name = forms.CharField(label=_("Your name or your store's name"), max_length=200)
    contact_email = forms.EmailField(label=_("Your email address"))
    statement = forms.CharField(
        label=_("Why the listings do not infringe"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "For example: the goods are genuine (say where they come from), or a licence covers them."
        ),
    )
    evidence = MultipleFileField(
        label=_("Evidence files"),
        required=False,
        help_text=_("Invoices, licences, certificates: PDF, images or Office documents."),
    )
    declaration = forms.BooleanField(
        label=_(
            "I declare that this counter-notice is accurate and made in good faith, and I accept responsibility "
            "for it under the law."
        ),
        error_messages={
            "required": _("You must declare that the counter-notice is accurate and made in good faith.")
        },
    )
