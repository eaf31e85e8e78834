from django.contrib import admin

from audit.admin import ReadOnlyAdmin
from audit.admin_edits import AuditedEditsAdmin
from records.models import Anonymisation, RetentionPeriod


@admin.register(RetentionPeriod)
class RetentionPeriodAdmin(AuditedEditsAdmin):
    """Every change of a period is audited with before and after, like the other settings operators edit."""

    list_display = ("kind", "days_after_closure", "why")


@admin.register(Anonymisation)
class AnonymisationAdmin(ReadOnlyAdmin):
    list_display = ("case", "kind", "anonymised_at")
    list_filter = ("kind",)
