from django.contrib import admin

from audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "actor_label",
        "actor_kind",
        "name_given",
        "action",
        "subject_type",
        "subject_id",
        "from_status",
        "to_status",
    )
    list_filter = ("actor_kind", "action", "subject_type")
    search_fields = ("actor_label", "name_given", "note")

    # Append-only: operators read the trail, nobody edits it.
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
