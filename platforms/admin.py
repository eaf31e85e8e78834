from django.contrib import admin

from audit.admin_edits import AuditedEditsAdmin
from platforms.models import (
    PenaltyPoints,
    PenaltyPolicy,
    PenaltyRecord,
    Platform,
    PlatformReasonCode,
    StatementTemplate,
    Store,
)


class PlatformReasonCodeInline(admin.TabularInline):
    model = PlatformReasonCode
    extra = 0


class StatementTemplateInline(admin.StackedInline):
    model = StatementTemplate
    extra = 0


@admin.register(Platform)
class PlatformAdmin(admin.ModelAdmin):
    list_display = ("organisation", "region", "counter_notice_window_days", "counter_notice_window_counts")
    inlines = [PlatformReasonCodeInline, StatementTemplateInline]


@admin.register(Store)
class StoreAdmin(admin.ModelAdmin):
    list_display = ("name", "external_id", "platform", "region", "standing")
    list_filter = ("platform", "standing")
    search_fields = ("name", "external_id")
    readonly_fields = ("standing",)


class PenaltyPointsInline(admin.TabularInline):
    model = PenaltyPoints
    extra = 0


@admin.register(PenaltyPolicy)
class PenaltyPolicyAdmin(AuditedEditsAdmin):
    """Operators edit each platform's policy (each edit, of the policy or of its points, audited with before
    and after); points are applied by the services, once per upheld case."""

    list_display = ("platform", "default_points", "warn_at", "restrict_at", "suspend_at", "is_active")
    inlines = [PenaltyPointsInline]


@admin.register(PenaltyRecord)
class PenaltyRecordAdmin(admin.ModelAdmin):
    """Read-only: a penalty is part of the record of the case it was applied for."""

    list_display = ("store", "case", "points", "total_after", "standing_after", "created_at")
    list_filter = ("standing_after",)
    readonly_fields = [f.name for f in PenaltyRecord._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
