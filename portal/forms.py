"""Forms of the rightsholder portal: registering a right and filing a complaint."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from accounts.models import User
from complaints.authorisations import authorisations_of
from complaints.listing_rows import POSITIONAL, checked_rows, row_values
from complaints.models import Authorisation, InfringementType, IPRight
from complaints.services import ListingInput, usable_rights
from complaints.uploads import checked_upload
from portal.selectors import platform_choices

MAX_LISTINGS = 10_000
MAX_LINE_ERRORS = 20
ACCEPT = ".pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,.xlsx,.pptx,.odt,.ods,.odp"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by complaints.uploads, every refusal is reported."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        uploads = data if isinstance(data, list | tuple) else [data]
        uploads = [super(MultipleFileField, self).clean(upload, initial) for upload in uploads if upload]
        if self.required and not uploads:
            raise ValidationError(self.error_messages["required"], code="required")
        errors: list[ValidationError] = []
        for upload in uploads:
            try:
                checked_upload(upload)
            except ValidationError as exc:
                errors.append(exc)
        if errors:
            raise ValidationError(errors)
        return uploads


class CheckedFileField(forms.FileField):
    """One file, checked by complaints.uploads (kind sniffed from content, size limit, random stored name)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if isinstance(upload, UploadedFile):
            checked_upload(upload)
        return upload


class IPRightForm(forms.ModelForm):
    class Meta:
        model = IPRight
        fields = [
            "right_type",
            "registration_number",
            "title",
            "owner_name",
            "jurisdiction",
            "valid_from",
            "valid_until",
            "certificate",
            "evaluation_report",
            "authorisation",
        ]
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        field_classes = {"certificate": CheckedFileField, "evaluation_report": CheckedFileField}
        help_texts = {
            "certificate": _("The registration certificate: PDF, image or Office document."),
            "jurisdiction": _("Country or region that granted the right, e.g. CN."),
            "authorisation": _(
                "An agency filing for the right's holder: the holder's letter that authorises you. "
                "Leave empty for a right of your own organisation."
            ),
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        letters = self.fields["authorisation"]
        assert isinstance(letters, forms.ModelChoiceField)
        letters.queryset = authorisations_of(actor=user).filter(revoked_at=None)
        letters.empty_label = _("None: the right is my organisation's")


class AuthorisationForm(forms.ModelForm):
    class Meta:
        model = Authorisation
        fields = ["principal_name", "letter", "valid_from", "valid_until"]
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        field_classes = {"letter": CheckedFileField}
        help_texts = {"letter": _("The signed letter: PDF, image or Office document.")}


class RevocationForm(forms.Form):
    reason = forms.CharField(label=_("Why it is revoked"), max_length=500)


LISTINGS_HELP = _(
    "One listing per line: the listing URL or the listing id on the platform, then the store id, then "
    "optionally the store's name, contact email, language (en or zh-hans) and region code, separated by "
    "commas or tabs (you can paste from a spreadsheet). The store's details reach the platform and the "
    "respondent, and a store the platform has no contact for is reached at that email. "
    "Example: https://shop.example.com/item/123, store-88, Example Store, owner@store.example, zh-hans, 510100"
)


def parse_listing_lines(text: str) -> list[ListingInput]:
    """Parse the listings textarea (the columns of complaints.listing_rows, by position); raises one
    ValidationError that names every bad line (up to a limit)."""
    rows = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        # A tab means the line was pasted from a spreadsheet: then commas belong to the values. The last
        # column takes the rest of the line, so a stray separator is an error in it rather than lost.
        separator = "\t" if "\t" in line else ","
        rows.append((number, row_values(line.split(separator, len(POSITIONAL) - 1), None)))
    listings: list[ListingInput] = []
    errors: list[ValidationError] = []
    bad_lines = 0
    for number, checked in checked_rows(rows):
        if isinstance(checked, ListingInput):
            listings.append(checked)
            continue
        bad_lines += 1
        if len(errors) < MAX_LINE_ERRORS:
            errors.append(
                ValidationError(
                    _("Line %(line)d: %(problem)s"), params={"line": number, "problem": checked.message}
                )
            )
    if bad_lines > len(errors):
        errors.append(
            ValidationError(
                ngettext_lazy(
                    "…and %(count)d more line with a problem.",
                    "…and %(count)d more lines with problems.",
                    "count",
                ),
                params={"count": bad_lines - len(errors)},
            )
        )
    if errors:
        raise ValidationError(errors)
    if len(listings) > MAX_LISTINGS:
        raise ValidationError(
            _("At most %(max)d listings per complaint; split the rest into another complaint."),
            params={"max": MAX_LISTINGS},
        )
    return listings


class ComplaintForm(forms.Form):
    SAVE_DRAFT = "draft"
    SUBMIT = "submit"

    right = forms.ModelChoiceField(
        label=_("Right relied on"),
        queryset=IPRight.objects.none(),
        empty_label=_("Choose one of your verified rights"),
        error_messages={"required": _("Choose the right the complaint relies on.")},
    )
    platform = forms.ModelChoiceField(
        label=_("Platform"),
        queryset=platform_choices(),
        empty_label=_("Choose the platform"),
        error_messages={"required": _("Choose the platform the listings are on.")},
    )
    infringement_type = forms.ChoiceField(
        label=_("Infringement type"), choices=[("", _("Choose the infringement")), *InfringementType.choices]
    )
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What infringes the right and how. The platform and the respondent read this."),
        error_messages={"required": _("Describe the infringement.")},
    )
    listings = forms.CharField(
        label=_("Listings"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false", "autocapitalize": "off"}),
        help_text=LISTINGS_HELP,
    )
    evidence = MultipleFileField(
        label=_("Evidence files"),
        required=False,
        help_text=_("PDF, images or Office documents; you can choose several files."),
    )
    good_faith_declared = forms.BooleanField(
        label=_(
            "I declare in good faith that this notice is accurate, that I hold or am authorised to enforce "
            "the right, and that I am liable for harm caused by a false notice."
        ),
        required=False,
    )
    requested_administrative = forms.BooleanField(
        label=_("Ask the IPR office for administrative handling"),
        required=False,
        help_text=_("The office handles the case only if both you and the respondent consent."),
    )

    def __init__(self, *args: Any, user: User, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        right_field = self.fields["right"]
        assert isinstance(right_field, forms.ModelChoiceField)
        right_field.queryset = usable_rights(actor=user)
        if editing:
            self.fields["listings"].label = _("Add listings")
            self.fields["evidence"].label = _("Add evidence files")

    def clean_listings(self) -> list[ListingInput]:
        return parse_listing_lines(self.cleaned_data.get("listings", ""))

    def checked_evidence(self) -> list[UploadedFile]:
        """The chosen files that passed the upload checks, even when another field or file did not."""
        return [upload for upload in self.files.getlist("evidence") if hasattr(upload, "original_name")]

    def service_arguments(self) -> dict[str, Any]:
        """The cleaned data as complaints.services.complaint_create / complaint_file take it."""
        return dict(self.cleaned_data)
