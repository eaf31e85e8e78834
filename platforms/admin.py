from django.contrib import admin

from platforms.models import Platform, Store


@admin.register(Platform)
class PlatformAdmin(admin.ModelAdmin):
    list_display = ("organisation", "region", "counter_notice_window_days")


@admin.register(Store)
class StoreAdmin(admin.ModelAdmin):
    list_display = ("name", "external_id", "platform", "region")
    list_filter = ("platform",)
    search_fields = ("name", "external_id")
