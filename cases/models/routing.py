"""The operators' routing table and the handling modes it chooses between."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from complaints.models import InfringementType, RightType
from iprgov.names import name_for_reader


class HandlingMode(models.TextChoices):
    PLATFORM = "platform", _("Platform handling")
    ASSISTED = "assisted", _("Platform handling with office opinion")
    ADMINISTRATIVE = "administrative", _("Administrative handling by the office")


class Jurisdiction(models.TextChoices):
    PLATFORM_REGION = "platform_region", _("Office of the platform's registered region")
    RESPONDENT_REGION = "respondent_region", _("Office of the respondent's region")


class RoutingRule(models.Model):
    """One row of the ordered routing table. Empty conditions match anything; first match wins."""

    position = models.PositiveIntegerField(_("position"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    # A database default too: code of an earlier release (and its migrations) inserts without it.
    name_zh = models.CharField(_("name in Chinese"), max_length=200, blank=True, db_default="")
    is_active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Raised by one on every edit; cases keep the one that routed them."),
    )
    right_types = models.JSONField(
        _("right types"), default=list, blank=True, help_text=_("Any of these right types; empty for any.")
    )
    infringement_types = models.JSONField(
        _("infringement types"), default=list, blank=True, help_text=_("Any of these; empty for any.")
    )
    requested_administrative = models.BooleanField(
        _("complainant asked for administrative handling"), null=True, blank=True
    )
    has_evaluation_report = models.BooleanField(_("patent evaluation report supplied"), null=True, blank=True)
    min_listings = models.PositiveIntegerField(_("at least this many listings"), null=True, blank=True)
    min_upheld_cases = models.PositiveIntegerField(
        _("store has at least this many upheld cases in 12 months"), null=True, blank=True
    )
    min_penalty_points = models.PositiveIntegerField(
        _("store has at least this many penalty points"), null=True, blank=True
    )
    mode = models.CharField(_("handling mode"), max_length=20, choices=HandlingMode.choices)
    jurisdiction = models.CharField(
        _("office of jurisdiction"),
        max_length=20,
        choices=Jurisdiction.choices,
        default=Jurisdiction.PLATFORM_REGION,
    )
    deadline_working_days = models.PositiveSmallIntegerField(_("deadline (working days)"), default=2)

    class Meta:
        db_table = "enforcement_routingrule"
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.position}. {self.shown_name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)

    def clean(self) -> None:
        errors = {}
        bad_rights = set(self.right_types or []) - set(RightType.values)
        if bad_rights:
            errors["right_types"] = _("Unknown right types: %(v)s") % {"v": ", ".join(sorted(bad_rights))}
        bad_infringements = set(self.infringement_types or []) - set(InfringementType.values)
        if bad_infringements:
            errors["infringement_types"] = _("Unknown infringement types: %(v)s") % {
                "v": ", ".join(sorted(bad_infringements))
            }
        if errors:
            raise ValidationError(errors)

    @property
    def shown_name(self) -> str:
        return name_for_reader(self.name, self.name_zh)


class RoutingKind(models.TextChoices):
    ROUTED = "routed", _("Routed by the rules")
    REROUTED = "rerouted", _("Re-routed by hand")


class RoutingRecord(models.Model):
    """One routing of a case as it was at the time, by the rules or by a person: never edited.

    `reason` is the text of record (the rules' reason, or the person's, as written); `office` is the office
    chosen then, so a later transfer does not rewrite why the case went where it went.
    """

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="routings", verbose_name=_("case")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=RoutingKind.choices)
    mode = models.CharField(_("handling mode"), max_length=20, choices=HandlingMode.choices)
    office = models.ForeignKey(
        "enforcement.Office",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("office"),
    )
    rule = models.ForeignKey(
        RoutingRule,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("rule"),
    )
    reason = models.TextField(_("reason"))
    recorded_by = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("re-routed by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("routing record")
        verbose_name_plural = _("routing records")
        ordering = ["recorded_at", "pk"]
        indexes = [models.Index(fields=["case", "recorded_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.get_mode_display()}"
