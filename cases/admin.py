from typing import cast

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from audit.admin_edits import AuditedEditsAdmin
from cases.forms import RerouteForm
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
    RoutingRecord,
    RoutingRule,
    Transfer,
)
from cases.routing_preview import routing_rule_preview
from cases.services.rerouting import case_reroute
from enforcement.models import Office
from iprgov.form_errors import add_service_error

# The POST field that says the operator saw the dry run of a routing-rule change and saves it.
PREVIEW_SEEN = "_routing_preview_seen"


@admin.register(RoutingRule)
class RoutingRuleAdmin(AuditedEditsAdmin):
    """A change is saved only after its dry run over recently routed cases was shown (routing_preview); every
    edit is then audited with the rule before and after, and bumps the rule's version."""

    list_display = (
        "position",
        "name",
        "version",
        "mode",
        "jurisdiction",
        "deadline_working_days",
        "is_active",
    )
    ordering = ("position",)

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        if request.method == "POST" and PREVIEW_SEEN not in request.POST:
            obj = self.get_object(request, object_id) if object_id else None
            form = self.get_form(request, obj, change=obj is not None)(
                request.POST, request.FILES, instance=obj
            )
            if form.is_valid():
                return self._preview(request, form.save(commit=False))
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _preview(self, request: HttpRequest, rule: RoutingRule) -> HttpResponse:
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Dry run of the routing-rule change"),
            "rule": rule,
            "preview": routing_rule_preview(rule=rule),
            "posted": [
                (key, value)
                for key, values in request.POST.lists()
                if key != "csrfmiddlewaretoken"
                for value in values
            ],
            "seen_field": PREVIEW_SEEN,
        }
        return TemplateResponse(request, "admin/cases/routingrule/preview.html", context)


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    """Read-only for operators: cases change only through the services, which write the audit trail; the
    one change offered is re-routing (cases.services.rerouting), with its reason."""

    list_display = ("pk", "platform", "store", "mode", "status", "office", "deadline")
    list_filter = ("mode", "status")
    readonly_fields = [f.name for f in Case._meta.fields] + ["reroute_link"]
    actions = ["reroute_selected"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "<int:pk>/reroute/",
                self.admin_site.admin_view(self.reroute_view),
                name="cases_case_reroute",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=gettext_lazy("re-route"))
    def reroute_link(self, obj: Case) -> str:
        url = reverse("admin:cases_case_reroute", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Re-route this case, with a reason"))

    @admin.action(description=gettext_lazy("Re-route the selected case"))
    def reroute_selected(self, request: HttpRequest, queryset: QuerySet[Case]) -> HttpResponse | None:
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one case to re-route."), messages.WARNING)
            return None
        case = queryset.get()
        return HttpResponseRedirect(reverse("admin:cases_case_reroute", args=[case.pk]))

    def reroute_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not self.has_view_permission(request):
            raise Http404
        case = Case.objects.select_related("office", "platform").filter(pk=pk).first()
        if case is None:
            raise Http404
        offices = list(Office.objects.select_related("organisation"))
        form = RerouteForm(request.POST or None, offices=offices)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                case_reroute(
                    case_id=pk,
                    actor=cast(User, request.user),  # admin_view admits only signed-in staff
                    mode=data["mode"],
                    office_id=data["office"],
                    reason=data["reason"],
                )
            except ValidationError as exc:
                add_service_error(form, exc)
            else:
                self.message_user(request, _("Case re-routed; the parties are told."), messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:cases_case_change", args=[pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": case,
            "title": _("Re-route case %(number)s") % {"number": case.pk},
            "form": form,
            "routings": list(
                case.routings.select_related("office", "recorded_by").order_by("recorded_at", "pk")
            ),
        }
        return render(request, "admin/cases/case/reroute.html", context, status=400 if form.errors else 200)


@admin.register(RoutingRecord)
class RoutingRecordAdmin(admin.ModelAdmin):
    """Routings are written by routing and re-routing; operators only read them."""

    list_display = ("case", "kind", "mode", "office", "recorded_by", "recorded_at")
    list_filter = ("kind", "mode")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
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
