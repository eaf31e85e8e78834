from django.contrib import admin

from law_enforcement.models import LawEnforcementAuthority, Referral, ReferralOutcome


@admin.register(LawEnforcementAuthority)
class LawEnforcementAuthorityAdmin(admin.ModelAdmin):
    list_display = ["organisation", "authority_kind"]
    list_filter = ["authority_kind"]
    filter_horizontal = ["regions"]


class ReferralOutcomeInline(admin.TabularInline):
    model = ReferralOutcome
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "note", "file", "recorded_by", "recorded_at"]

    def has_add_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(Referral)
class ReferralAdmin(admin.ModelAdmin):
    """Read-only: a referral and its answers are steps of cases, made through the services."""

    list_display = ["pk", "authority", "referred_by_org", "region", "case_count", "status", "created_at"]
    list_filter = ["status", "authority"]
    inlines = [ReferralOutcomeInline]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
