"""Forms of the rightsholder portal: registering a right and filing a complaint."""

import re
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from accounts.models import User
from complaints.authorisations import authorisations_of
from complaints.models import Authorisation, InfringementType, IPRight, Listing
from complaints.services import ListingInput, usable_rights
from complaints.uploads import checked_upload
from portal.selectors import platform_choices

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise  # a lazy translation; the name exists in the stubs only

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
    "One listing per line: the listing URL or the listing id on the platform, then the store id, "
    "then optionally the store name, separated by commas or tabs (you can paste from a spreadsheet). "
    "Example: https://shop.example.com/item/123, store-88, Example Store"
)


def parse_listing_lines(text: str) -> list[ListingInput]:
    """Parse the listings textarea; raises one ValidationError that names every bad line (up to a limit)."""
    url_validator = URLValidator(schemes=["http", "https"])
    url_max = Listing._meta.get_field("url").max_length
    ref_max = Listing._meta.get_field("listing_ref").max_length
    store_max = Listing._meta.get_field("store_ref").max_length
    name_max = Listing._meta.get_field("store_name").max_length
    listings: list[ListingInput] = []
    errors: list[ValidationError] = []
    bad_lines = 0

    def problem(number: int, message: "_StrPromise", **params: object) -> None:
        nonlocal bad_lines
        bad_lines += 1
        if len(errors) < MAX_LINE_ERRORS:
            errors.append(ValidationError(message, params={"line": number, **params}))

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        # A tab means the line was pasted from a spreadsheet: then commas belong to the values.
        parts = [part.strip() for part in (line.split("\t", 2) if "\t" in line else line.split(",", 2))]
        target = parts[0]
        store_ref = parts[1] if len(parts) > 1 else ""
        store_name = parts[2] if len(parts) > 2 else ""
        if not target:
            problem(number, _("Line %(line)d: start with the listing URL or listing id."))
            continue
        if not store_ref:
            problem(number, _("Line %(line)d: give a store id after the listing, separated by a comma."))
            continue
        url, listing_ref = "", ""
        if re.match(r"^[a-z][a-z0-9+.-]*://", target, re.IGNORECASE):
            try:
                url_validator(target)
            except ValidationError:
                problem(
                    number, _("Line %(line)d: “%(value)s” is not a valid web address."), value=target[:80]
                )
                continue
            if len(target) > url_max:  # type: ignore[operator]  # the model field declares a max_length
                problem(
                    number,
                    _("Line %(line)d: the listing URL is longer than %(max)d characters."),
                    max=url_max,
                )
                continue
            url = target
        else:
            if len(target) > ref_max:  # type: ignore[operator]  # the model field declares a max_length
                problem(
                    number, _("Line %(line)d: the listing id is longer than %(max)d characters."), max=ref_max
                )
                continue
            listing_ref = target
        if len(store_ref) > store_max:  # type: ignore[operator]  # the model field declares a max_length
            problem(
                number, _("Line %(line)d: the store id is longer than %(max)d characters."), max=store_max
            )
            continue
        if len(store_name) > name_max:  # type: ignore[operator]  # the model field declares a max_length
            problem(
                number, _("Line %(line)d: the store name is longer than %(max)d characters."), max=name_max
            )
            continue
        listings.append(
            ListingInput(url=url, listing_ref=listing_ref, store_ref=store_ref, store_name=store_name)
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
