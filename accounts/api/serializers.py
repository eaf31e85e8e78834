from rest_framework import serializers


class TokenInput(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, trim_whitespace=False, style={"input_type": "password"})
    otp_code = serializers.CharField(
        max_length=8,
        required=False,
        allow_blank=True,
        default="",
        help_text="The current code of the user's authenticator app: required when the user must use a second factor.",
    )


class TokenOutput(serializers.Serializer):
    token = serializers.CharField()
    username = serializers.CharField()
    organisation = serializers.CharField(allow_null=True)
    organisation_kind = serializers.CharField(allow_null=True)
