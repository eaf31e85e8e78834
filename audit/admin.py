from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
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

    # Append-only: operators read the trail, nobody edits it.
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
