from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from audit.admin_edits import AuditedEditsAdmin
from cases.models import (
    AdministrativeDecision,
    Assignment,
    AssistanceRequest,
    Case,
    CaseSession,
    ConsentRequest,
    CounterNotice,
    DeterminationOpinion,
    ListingDecision,
    RecordCorrection,
    RoutingRule,
    Transfer,
)


@admin.register(RoutingRule)
class RoutingRuleAdmin(AuditedEditsAdmin):
    """Every edit is audited with the rule before and after, and bumps the rule's version."""

    list_display = (
        "position",
        "name",
        "version",
        "mode",
        "jurisdiction",
        "deadline_working_days",
        "is_active",
    )
    list_editable = ("is_active",)
    ordering = ("position",)


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    """Read-only for operators: cases change only through the services, which write the audit trail."""

    list_display = ("pk", "platform", "store", "mode", "status", "office", "deadline")
    list_filter = ("mode", "status")
    readonly_fields = [f.name for f in Case._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class _RecordAdmin(admin.ModelAdmin):
    """Office records are written by services (with their audit entries); operators only read them."""

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(DeterminationOpinion)
class DeterminationOpinionAdmin(_RecordAdmin):
    """Issued: never edited (the database refuses too); a correction is recorded by the office's service."""

    list_display = ("case", "office", "outcome", "issued_at")


@admin.register(AdministrativeDecision)
class AdministrativeDecisionAdmin(_RecordAdmin):
    list_display = ("case", "office", "infringement_established", "issued_at")


@admin.register(ListingDecision)
class ListingDecisionAdmin(_RecordAdmin):
    list_display = ("case", "listing", "action", "reason_code", "created_at")
    list_filter = ("action",)


@admin.register(RecordCorrection)
class RecordCorrectionAdmin(_RecordAdmin):
    list_display = ("case", "corrects", "corrects_id", "corrected_by", "created_at")


@admin.register(ConsentRequest)
class ConsentRequestAdmin(_RecordAdmin):
    list_display = ("case", "party", "status", "due_on", "answered_at")
    list_filter = ("party", "status")


@admin.register(Assignment)
class AssignmentAdmin(_RecordAdmin):
    list_display = ("case", "official", "assigned_by", "assigned_at")


@admin.register(CaseSession)
class CaseSessionAdmin(_RecordAdmin):
    list_display = ("case", "kind", "scheduled_for", "location", "result")
    list_filter = ("kind", "result")


@admin.register(Transfer)
class TransferAdmin(_RecordAdmin):
    list_display = ("case", "from_office", "to_office", "status", "requested_at", "answered_at")
    list_filter = ("status",)


@admin.register(AssistanceRequest)
class AssistanceRequestAdmin(_RecordAdmin):
    list_display = ("case", "from_office", "to_office", "status", "due_on", "answered_at")
    list_filter = ("status",)


@admin.register(CounterNotice)
class CounterNoticeAdmin(admin.ModelAdmin):
    list_display = ("case", "respondent_name", "submitted_at", "forwarded_at")
    readonly_fields = [f.name for f in CounterNotice._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
