from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.models import (
    ApiToken,
    FilingSuspension,
    Membership,
    Notification,
    Organisation,
    SupervisingAuthority,
    User,
)


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


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Which tokens exist and when they were used; never a key (only its SHA-256 is kept, and not shown).

    Tokens are made and revoked by their owners; an operator can delete one, or deactivate its user.
    """

    list_display = ("name", "user", "begins_with", "created_at", "expires_at", "last_used_at", "revoked_at")
    list_select_related = ("user",)
    search_fields = ("user__username", "name", "prefix")
    fields = ("user", "name", "begins_with", "created_at", "expires_at", "last_used_at", "revoked_at")
    readonly_fields = fields

    @admin.display(description=_("begins with"))
    def begins_with(self, token: ApiToken) -> str:
        return f"{token.prefix}…"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False


@admin.register(SupervisingAuthority)
class SupervisingAuthorityAdmin(admin.ModelAdmin):
    list_display = ("organisation",)
    filter_horizontal = ("regions",)
