from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from webhooks.models import WebhookDelivery, WebhookEndpoint


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    """The signing secret is the platform's: it reads and renews it in its console. Here it is masked and
    cannot be typed in (a secret an operator chose, or saw, would be known to more than the platform)."""

    list_display = ["url", "platform", "is_active", "created_at"]
    list_filter = ["is_active", "platform"]
    exclude = ["secret"]
    readonly_fields = ["signing_secret"]

    @admin.display(description=_("signing secret"))
    def signing_secret(self, endpoint: WebhookEndpoint) -> str:
        return f"{endpoint.secret[:4]}…"


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "event_type",
        "endpoint",
        "status",
        "attempts",
        "last_status_code",
        "created_at",
        "sent_at",
    ]
    list_filter = ["status", "event_type"]
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]
