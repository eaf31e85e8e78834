from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from audit.admin_edits import AuditedEditsAdmin
from programmes.models import GoodFaithMembership, ProgrammePolicy


@admin.register(ProgrammePolicy)
class ProgrammePolicyAdmin(AuditedEditsAdmin):
    list_display = (
        "platform",
        "window_days",
        "min_upheld_share",
        "max_undone_share",
        "min_listings",
        "waiting_days",
    )


@admin.register(GoodFaithMembership)
class GoodFaithMembershipAdmin(admin.ModelAdmin):
    """Read-only: stays are opened and closed by the periodic evaluation, with their audit entries."""

    list_display = ("organisation", "platform", "joined_at", "left_at")
    list_filter = ("platform",)
    readonly_fields = ("organisation", "platform", "joined_at", "entry_figures", "left_at", "exit_figures")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
