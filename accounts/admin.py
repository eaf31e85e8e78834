from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from accounts.models import Membership, Organisation, User


class MembershipInline(admin.StackedInline):
    model = Membership
    can_delete = False


@admin.register(User)
class IprgovUserAdmin(UserAdmin):
    inlines = [MembershipInline]
    fieldsets = (*UserAdmin.fieldsets, ("iprgov", {"fields": ("language", "time_zone")}))


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "contact_email")
    list_filter = ("kind",)
    search_fields = ("name",)
