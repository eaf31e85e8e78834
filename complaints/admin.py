from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from complaints.authorisations import authorisation_revoke, authorisation_set_verification
from complaints.models import Authorisation, EvidenceRequirement, IPRight, VerificationStatus
from complaints.services import ip_right_set_verification


def _file_link(url: str, present: bool) -> str:
    """A link that opens the file through the permission-checked download, which admits operators."""
    return format_html('<a href="{}">{}</a>', url, _("Open the file")) if present else "—"


@admin.register(IPRight)
class IPRightAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "right_type",
        "registration_number",
        "owner_org",
        "verification_status",
        "valid_until",
    )
    list_filter = ("verification_status", "right_type")
    search_fields = ("title", "registration_number", "owner_name")
    actions = ["mark_verified", "mark_rejected"]
    readonly_fields = ("certificate_link", "evaluation_report_link")

    @admin.display(description=_("certificate"))
    def certificate_link(self, obj: IPRight) -> str:
        return _file_link(
            reverse("complaints:right_file", args=[obj.pk, "certificate"]), bool(obj.certificate)
        )

    @admin.display(description=_("patent evaluation report"))
    def evaluation_report_link(self, obj: IPRight) -> str:
        url = reverse("complaints:right_file", args=[obj.pk, "evaluation-report"])
        return _file_link(url, bool(obj.evaluation_report))

    @admin.action(description=_("Mark selected rights as verified"))
    def mark_verified(self, request, queryset) -> None:
        self._set_verification(request, queryset, VerificationStatus.VERIFIED)

    @admin.action(description=_("Mark selected rights as rejected"))
    def mark_rejected(self, request, queryset) -> None:
        self._set_verification(request, queryset, VerificationStatus.REJECTED)

    def _set_verification(self, request, queryset, status: str) -> None:
        rights = list(queryset.values_list("pk", flat=True))
        for right_id in rights:
            ip_right_set_verification(
                right_id=right_id, actor=request.user, status=status, note="Django admin"
            )
        self.message_user(
            request,
            _("%(count)d rights are now %(status)s.")
            % {"count": len(rights), "status": VerificationStatus(status).label},
        )


@admin.register(Authorisation)
class AuthorisationAdmin(admin.ModelAdmin):
    """Operators verify an agency's letter as they verify a right, and revoke it when the rightsholder
    withdraws it. The letter opens through the portal's download, which admits operators."""

    list_display = (
        "principal_name",
        "agency",
        "verification_status",
        "valid_from",
        "valid_until",
        "revoked_at",
    )
    list_filter = ("verification_status",)
    search_fields = ("principal_name", "agency__name")
    readonly_fields = ("agency", "letter_link", "verification_status", "revoked_at", "revocation_reason")
    fields = ("agency", "principal_name", "letter_link", "valid_from", "valid_until", *readonly_fields[2:])
    actions = ["mark_verified", "mark_rejected", "revoke"]

    def has_add_permission(self, request) -> bool:
        return False  # an agency registers its letter in the portal

    @admin.display(description=_("letter of authorisation"))
    def letter_link(self, obj: Authorisation) -> str:
        url = reverse("complaints:authorisation_letter", args=[obj.pk])
        return _file_link(url, bool(obj.letter))

    @admin.action(description=_("Mark selected letters as verified"))
    def mark_verified(self, request, queryset) -> None:
        self._set_verification(request, queryset, VerificationStatus.VERIFIED)

    @admin.action(description=_("Mark selected letters as rejected"))
    def mark_rejected(self, request, queryset) -> None:
        self._set_verification(request, queryset, VerificationStatus.REJECTED)

    def _set_verification(self, request, queryset, status: str) -> None:
        letters = list(queryset.values_list("pk", flat=True))
        for pk in letters:
            authorisation_set_verification(
                authorisation_id=pk, actor=request.user, status=status, note="Django admin"
            )
        self.message_user(
            request,
            _("%(count)d letters are now %(status)s.")
            % {"count": len(letters), "status": VerificationStatus(status).label},
        )

    @admin.action(description=_("Revoke selected letters (the rightsholder withdrew them)"))
    def revoke(self, request, queryset) -> None:
        for pk in queryset.values_list("pk", flat=True):
            authorisation_revoke(
                authorisation_id=pk, actor=request.user, reason=str(_("Withdrawn by the rightsholder."))
            )


@admin.register(EvidenceRequirement)
class EvidenceRequirementAdmin(admin.ModelAdmin):
    """A type with no row here needs one evidence file; a row sets another number (0: none)."""

    list_display = ("infringement_type", "minimum_files")
    list_editable = ("minimum_files",)
