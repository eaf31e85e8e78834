from django.contrib import admin
from django.db.models import Model
from django.forms import ModelForm
from django.http import HttpRequest

from audit.admin_edits import AuditedEditsAdmin
from enforcement.calendar_edits import calendar_day_delete, calendar_day_save
from enforcement.models import CalendarDay, Office


@admin.register(CalendarDay)
class CalendarDayAdmin(AuditedEditsAdmin):
    list_display = ("date", "is_working_day", "note", "source")
    list_filter = ("is_working_day", "source")
    date_hierarchy = "date"
    readonly_fields = ("source",)

    def save_model(self, request: HttpRequest, obj: Model, form: ModelForm, change: bool) -> None:
        assert isinstance(obj, CalendarDay)  # noqa: S101 — registered for CalendarDay only
        calendar_day_save(day=obj, actor=request.user)  # type: ignore[arg-type]  # the admin is signed in

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        assert isinstance(obj, CalendarDay)  # noqa: S101 — registered for CalendarDay only
        calendar_day_delete(day=obj, actor=request.user)  # type: ignore[arg-type]  # the admin is signed in


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ("organisation", "opinion_deadline_days")
    filter_horizontal = ("regions",)
