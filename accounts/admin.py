from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from accounts.models import FilingSuspension, Membership, Notification, Organisation, User


class MembershipInline(admin.StackedInline):
    model = Membership
    can_delete = False


@admin.register(User)
class IprgovUserAdmin(UserAdmin):
    inlines = [MembershipInline]
    fieldsets = (*(UserAdmin.fieldsets or ()), ("iprgov", {"fields": ("language", "time_zone")}))


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "contact_email")
    list_filter = ("kind",)
    search_fields = ("name",)


@admin.register(FilingSuspension)
class FilingSuspensionAdmin(admin.ModelAdmin):
    """Suspensions are made by platform staff and officials in their consoles; operators may shorten one."""

    list_display = ("organisation", "platform", "until", "created_by", "created_at")
    search_fields = ("organisation__name", "reason")
    readonly_fields = ("organisation", "platform", "reason", "created_by", "created_at")


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("organisation", "subject", "case_id", "created_at", "read_at")
    list_filter = ("organisation",)
