"""An admin whose every save and removal (of the record and of its inline rows) is an audited edit."""

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.forms import BaseModelFormSet, ModelForm
from django.http import HttpRequest

from audit.edits import edit_delete, edit_save


class AuditedEditsAdmin(admin.ModelAdmin):
    """Operators' edits go through audit.edits: who, when, before and after, in the audit trail. Bulk
    removal from the list is done one audited removal at a time."""

    def save_model(self, request: HttpRequest, obj: Model, form: ModelForm, change: bool) -> None:
        edit_save(instance=obj, actor=request.user)  # type: ignore[arg-type]  # the admin is signed in

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        edit_delete(instance=obj, actor=request.user)  # type: ignore[arg-type]  # the admin is signed in

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for obj in queryset:
            self.delete_model(request, obj)

    def save_formset(
        self, request: HttpRequest, form: ModelForm, formset: BaseModelFormSet, change: bool
    ) -> None:
        for obj in formset.save(commit=False):
            self.save_model(request, obj, form, change)
        for obj in formset.deleted_objects:
            self.delete_model(request, obj)
        formset.save_m2m()
