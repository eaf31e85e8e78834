from django.contrib import admin

from disputes.models import DisputeResolutionBody


@admin.register(DisputeResolutionBody)
class DisputeResolutionBodyAdmin(admin.ModelAdmin):
    list_display = ["organisation", "body_kind", "time_limit_working_days"]
    list_filter = ["body_kind"]
    filter_horizontal = ["regions"]
