from django.contrib import admin

from enforcement.models import CalendarDay, Office


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("date", "is_working_day", "note")
    list_filter = ("is_working_day",)
    date_hierarchy = "date"


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ("organisation", "opinion_deadline_days")
    filter_horizontal = ("regions",)
