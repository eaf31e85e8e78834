from django.contrib import admin

from regions.models import Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "parent")
    search_fields = ("code", "name")
