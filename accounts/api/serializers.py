from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import ApiToken
from iprgov.api_fields import StrictCharField

# The name a token gets when the password exchange does not give one.
NAME_WHEN_OBTAINED = "password sign-in"


class SecondFactorInput(serializers.Serializer):
    otp_code = StrictCharField(
        max_length=8,
        required=False,
        allow_blank=True,
        default="",
        help_text="The current code of the user's authenticator app: required when the user must use a "
        "second factor (not asked of a browser session that was verified with a code).",
    )


class TokenInput(SecondFactorInput):
    username = StrictCharField(max_length=150)
    password = StrictCharField(max_length=4096, trim_whitespace=False, style={"input_type": "password"})
    name = StrictCharField(
        max_length=100,
        required=False,
        default=NAME_WHEN_OBTAINED,
        help_text="What the token is for, as its owner's list of tokens shows it.",
    )


class ApiTokenCreateInput(SecondFactorInput):
    name = StrictCharField(max_length=100, help_text="What the token is for (e.g. the script using it).")


class ApiTokenOutput(serializers.ModelSerializer):
    """A token as its owner's list shows it: never the key, only its first characters (`prefix`)."""

    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created_at", "expires_at", "last_used_at"]
        read_only_fields = fields


class IssuedTokenOutput(ApiTokenOutput):
    """A token just made. `token` is its key, in this response only: only the key's SHA-256 is kept."""

    token = serializers.SerializerMethodField(help_text="The key. Send it as `Authorization: Token <key>`.")
    username = serializers.CharField(source="user.username")
    organisation = serializers.CharField(source="user.organisation.name", allow_null=True)
    organisation_kind = serializers.CharField(source="user.organisation.kind", allow_null=True)

    class Meta(ApiTokenOutput.Meta):
        fields = ["token", *ApiTokenOutput.Meta.fields, "username", "organisation", "organisation_kind"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_token(self, token: ApiToken) -> str:
        # The key is not on the model (it is never stored): the view passes it in the context.
        return self.context["key"]
