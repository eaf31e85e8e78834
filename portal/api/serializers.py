"""Input and output shapes of the rightsholder API. Inputs validate; outputs only read what selectors fetched."""

from typing import Any, cast

from django.conf import settings
from rest_framework import serializers

from complaints.models import (
    BulkUpload,
    BulkUploadRowError,
    Complaint,
    EvidenceFile,
    InfringementType,
    IPRight,
    Listing,
)
from complaints.services import ListingInput, usable_rights
from iprgov.api_fields import (
    StrictBooleanField,
    StrictCharField,
    StrictEmailField,
    StrictPrimaryKeyRelatedField,
    WebAddressField,
)
from iprgov.api_schema import GIVEN
from iprgov.api_uploads import XLSX, checked_document
from portal.selectors import platform_choices
from regions.models import Region

MAX_LISTINGS_PER_REQUEST = 10_000

LISTINGS_FILE_ENCODING = {"contentType": f"text/csv, {XLSX}"}


class RightOutput(serializers.ModelSerializer):
    class Meta:
        model = IPRight
        fields = [
            "id",
            "right_type",
            "registration_number",
            "title",
            "owner_name",
            "jurisdiction",
            "valid_from",
            "valid_until",
            "verification_status",
            "created_at",
        ]
        read_only_fields = fields


class RightInput(serializers.ModelSerializer):
    certificate = serializers.FileField()
    evaluation_report = serializers.FileField(required=False)

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
        ]
        # Uniqueness per holder is checked by the service (it knows the holder).
        validators: list = []

    def validate_certificate(self, value: Any) -> Any:
        return checked_document(value)

    def validate_evaluation_report(self, value: Any) -> Any:
        return checked_document(value)


class ListingItemInput(serializers.Serializer):
    url = WebAddressField(max_length=500, required=False, allow_blank=True, default="")
    listing_ref = StrictCharField(max_length=120, required=False, allow_blank=True, default="")
    store_ref = StrictCharField(max_length=120)
    store_name = StrictCharField(max_length=200, required=False, allow_blank=True, default="")
    # How the respondent store is reached, as a bulk file's columns give it: a store made from the listing
    # takes them, a known store only where it has none.
    store_email = StrictEmailField(max_length=254, required=False, allow_blank=True, default="")
    store_language = serializers.ChoiceField(
        choices=[code for code, _name in settings.LANGUAGES], required=False, allow_blank=True, default=""
    )
    store_region = StrictCharField(
        max_length=12, required=False, allow_blank=True, default="", help_text="The region's division code."
    )
    # One of them must be given (validate below); the schema says so too.
    any_of = ({"url": GIVEN}, {"listing_ref": GIVEN})

    def validate(self, attrs: dict) -> dict:
        if not attrs.get("url") and not attrs.get("listing_ref"):
            raise serializers.ValidationError(
                {"url": serializers.ErrorDetail("Give the listing URL or the listing id.", code="required")}
            )
        return attrs

    @staticmethod
    def as_inputs(items: list[dict]) -> list[ListingInput]:
        """The validated items as listings, their region codes looked up once for all of them."""
        codes = {item["store_region"] for item in items if item.get("store_region")}
        regions = {region.code: region for region in Region.objects.filter(code__in=codes)} if codes else {}
        unknown = sorted(codes - set(regions))
        if unknown:
            raise serializers.ValidationError(
                {
                    "store_region": serializers.ErrorDetail(
                        f"No region has the division code {unknown[0]}.", code="does_not_exist"
                    )
                }
            )
        return [
            ListingInput(**{**item, "store_region": regions.get(item.get("store_region", ""))})
            for item in items
        ]


class ListingsInput(serializers.Serializer):
    listings = ListingItemInput(many=True, allow_empty=False, max_length=MAX_LISTINGS_PER_REQUEST)  # type: ignore[call-arg]  # many=True hands max_length to the ListSerializer; the stubs leave it out


class ComplaintCreateInput(serializers.Serializer):
    right = StrictPrimaryKeyRelatedField(queryset=IPRight.objects.none())
    platform = StrictPrimaryKeyRelatedField(queryset=platform_choices())
    infringement_type = serializers.ChoiceField(choices=InfringementType.choices)
    description = StrictCharField(max_length=20_000)
    good_faith_declared = StrictBooleanField(default=False)
    requested_administrative = StrictBooleanField(default=False)
    listings = ListingItemInput(many=True, required=False, max_length=MAX_LISTINGS_PER_REQUEST)  # type: ignore[call-arg]  # many=True hands max_length to the ListSerializer; the stubs leave it out

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")  # absent while the schema is generated
        if request is not None:
            right = cast(StrictPrimaryKeyRelatedField, self.fields["right"])
            # The stubs declare RelatedField.queryset as possibly a Manager, whose __get__ then rejects the field.
            right.queryset = usable_rights(actor=request.user)  # type: ignore[arg-type]

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.validated_data)
        data["listings"] = ListingItemInput.as_inputs(data.get("listings", []))
        return data


class WithdrawInput(serializers.Serializer):
    reason = StrictCharField(max_length=2000, required=False, allow_blank=True, default="")


class EvidenceInput(serializers.Serializer):
    files = serializers.ListField(child=serializers.FileField(), allow_empty=False, max_length=20)

    def validate_files(self, value: list) -> list:
        return [checked_document(upload) for upload in value]


class BulkUploadInput(serializers.Serializer):
    file = serializers.FileField(help_text="CSV (UTF-8) or XLSX: listing URL or id, store id, store name.")


class EvidenceOutput(serializers.ModelSerializer):
    class Meta:
        model = EvidenceFile
        fields = ["id", "original_name", "description", "uploaded_at"]
        read_only_fields = fields


class ComplaintOutput(serializers.ModelSerializer):
    listing_count = serializers.IntegerField(read_only=True)
    case_count = serializers.IntegerField(read_only=True)
    platform_name = serializers.CharField(source="platform.organisation.name", read_only=True)
    evidence = EvidenceOutput(many=True, read_only=True)

    class Meta:
        model = Complaint
        fields = [
            "id",
            "status",
            "right",
            "platform",
            "platform_name",
            "infringement_type",
            "description",
            "good_faith_declared",
            "requested_administrative",
            "created_at",
            "submitted_at",
            "listing_count",
            "case_count",
            "evidence",
        ]
        read_only_fields = fields


class ListingOutput(serializers.ModelSerializer):
    # Blank when the row gave none: a plain string, not an email format an empty value would break.
    store_email = serializers.CharField(read_only=True)
    store_region = serializers.CharField(
        source="store_region.code", read_only=True, allow_null=True, help_text="The region's division code."
    )

    class Meta:
        model = Listing
        fields = [
            "id",
            "url",
            "listing_ref",
            "store_ref",
            "store_name",
            "store_email",
            "store_language",
            "store_region",
            "status",
            "case",
        ]
        read_only_fields = fields


class ListingsAddedOutput(serializers.Serializer):
    added = serializers.IntegerField(help_text="Listings new to the complaint; repeats are stored once.")
    listing_count = serializers.IntegerField()


class BulkUploadOutput(serializers.ModelSerializer):
    percent = serializers.IntegerField(read_only=True)
    errors_url = serializers.SerializerMethodField()

    class Meta:
        model = BulkUpload
        fields = [
            "id",
            "complaint",
            "original_name",
            "file_format",
            "sha256",
            "status",
            "total_rows",
            "processed_rows",
            "good_rows",
            "bad_rows",
            "duplicate_rows",
            "added_listings",
            "percent",
            "failure",
            "attempts",
            "heartbeat_at",
            "created_at",
            "finished_at",
            "errors_url",
        ]
        read_only_fields = fields

    def get_errors_url(self, obj: BulkUpload) -> str:
        return f"/api/v1/bulk-uploads/{obj.pk}/errors/"


class BulkUploadRowErrorOutput(serializers.ModelSerializer):
    row = serializers.IntegerField(source="row_number")

    class Meta:
        model = BulkUploadRowError
        fields = ["row", "field", "code", "message", "repeats_row", "values"]
        read_only_fields = fields
