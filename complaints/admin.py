from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from complaints.models import IPRight, VerificationStatus
from complaints.services import ip_right_set_verification


@admin.register(IPRight)
class IPRightAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "right_type",
        "registration_number",
        "owner_org",
        "verification_status",
        "valid_until",
    )
    list_filter = ("verification_status", "right_type")
    search_fields = ("title", "registration_number", "owner_name")
    actions = ["mark_verified", "mark_rejected"]

    @admin.action(description=_("Mark selected rights as verified"))
    def mark_verified(self, request, queryset) -> None:
        self._set_verification(request, queryset, VerificationStatus.VERIFIED)

    @admin.action(description=_("Mark selected rights as rejected"))
    def mark_rejected(self, request, queryset) -> None:
        self._set_verification(request, queryset, VerificationStatus.REJECTED)

    def _set_verification(self, request, queryset, status: str) -> None:
        for right_id in queryset.values_list("pk", flat=True):
            ip_right_set_verification(
                right_id=right_id, actor=request.user, status=status, note="Django admin"
            )
