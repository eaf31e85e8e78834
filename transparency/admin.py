from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from iprgov.http import acting_user
from transparency.models import RegisterPolicy, WithholdingRequest
from transparency.services import withholding_decide


@admin.register(RegisterPolicy)
class RegisterPolicyAdmin(admin.ModelAdmin):
    list_display = ("__str__", "delay_days")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not RegisterPolicy.objects.exists()  # one policy for the whole register


@admin.register(WithholdingRequest)
class WithholdingRequestAdmin(admin.ModelAdmin):
    """Requests are made by complainants; operators approve or refuse them with the actions."""

    list_display = ("case", "requested_by", "requested_at", "status", "decided_by", "decided_at")
    list_filter = ("status",)
    readonly_fields = ("case", "requested_by", "reason", "requested_at", "status", "decided_by", "decided_at")
    actions = ("approve", "refuse")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: WithholdingRequest | None = None) -> bool:
        return False

    def _decide(self, request: HttpRequest, queryset: QuerySet[WithholdingRequest], *, approve: bool) -> None:
        for withholding in queryset:
            try:
                withholding_decide(request_id=withholding.pk, actor=acting_user(request), approve=approve)
            except ValidationError as exc:
                self.message_user(request, f"{withholding}: {' '.join(exc.messages)}", messages.WARNING)

    @admin.action(description=_("Approve: withhold the entries from the register"))
    def approve(self, request: HttpRequest, queryset: QuerySet[WithholdingRequest]) -> None:
        self._decide(request, queryset, approve=True)

    @admin.action(description=_("Refuse: keep the entries in the register"))
    def refuse(self, request: HttpRequest, queryset: QuerySet[WithholdingRequest]) -> None:
        self._decide(request, queryset, approve=False)
