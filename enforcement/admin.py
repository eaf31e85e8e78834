from django.contrib import admin

from enforcement.models import AdministrativeDecision, CalendarDay, Case, DeterminationOpinion, Office, Region, RoutingRule


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ("position", "name", "mode", "jurisdiction", "deadline_working_days", "is_active")
    list_editable = ("is_active",)
    ordering = ("position",)


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("date", "is_working_day", "note")
    list_filter = ("is_working_day",)
    date_hierarchy = "date"


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "parent")
    search_fields = ("code", "name")


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ("organisation", "opinion_deadline_days")
    filter_horizontal = ("regions",)


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    """Read-only for operators: cases change only through the services, which write the audit trail."""

    list_display = ("pk", "platform", "store", "mode", "status", "office", "deadline")
    list_filter = ("mode", "status")
    readonly_fields = [f.name for f in Case._meta.fields]

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False


admin.site.register(DeterminationOpinion)
admin.site.register(AdministrativeDecision)
