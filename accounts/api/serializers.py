from rest_framework import serializers


class TokenInput(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, trim_whitespace=False, style={"input_type": "password"})


class TokenOutput(serializers.Serializer):
    token = serializers.CharField()
    username = serializers.CharField()
    organisation = serializers.CharField(allow_null=True)
    organisation_kind = serializers.CharField(allow_null=True)
