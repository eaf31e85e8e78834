from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from audit.models import AuditAnchor, AuditEntry


class ReadOnlyAdmin(admin.ModelAdmin):
    """Operators read these records; nobody adds, edits or deletes them here."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AuditAnchor)
class AuditAnchorAdmin(ReadOnlyAdmin):
    list_display = ("day", "chain_position", "entry_hash", "taken_at")


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = (
        "created_at",
        "who",
        "actor_kind",
        "name_given",
        "action",
        "subject_type",
        "subject_id",
        "from_status",
        "to_status",
    )
    list_filter = ("actor_kind", "action", "subject_type")
    list_select_related = ("respondent_store",)
    search_fields = ("actor_label", "name_given", "note")

    @admin.display(description=_("actor"))
    def who(self, entry: AuditEntry) -> str:
        # As the case history shows it: a respondent by its store, never by the name it typed.
        return entry.actor_shown
