from rest_framework import serializers

from iprgov.api_fields import StrictCharField, WebAddressField
from webhooks.models import WebhookDelivery, WebhookEndpoint


class EndpointInput(serializers.Serializer):
    url = WebAddressField(max_length=500)
    description = StrictCharField(max_length=200, required=False, allow_blank=True, default="")


class EndpointOutput(serializers.ModelSerializer):
    class Meta:
        model = WebhookEndpoint
        fields = ["id", "url", "description", "secret", "is_active", "created_at"]
        read_only_fields = fields


class DeliveryOutput(serializers.ModelSerializer):
    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "endpoint",
            "event_id",
            "event_type",
            "case_id",
            "status",
            "attempts",
            "last_status_code",
            "last_error",
            "next_attempt_at",
            "sent_at",
            "created_at",
            "payload",
        ]
        read_only_fields = fields
