"""Daily figures of the case lifecycle, kept up to date by the case events (aggregates.receivers).

One row per (day, platform, office, right type, handling mode, figure, bucket): a count for a plain
figure (bucket 0), or the number of durations that fell in a bucket of aggregates.figures.HOUR_BUCKETS.
The keys are plain integers, not foreign keys: a row outlives nothing and is rebuilt from the audit
trail (`manage.py rebuild_statistics`), and 0 stands for "no office" so the unique key has no NULL.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DailyFigure(models.Model):
    day = models.DateField(_("day"))
    platform_pk = models.PositiveIntegerField(_("platform"))
    office_pk = models.PositiveIntegerField(_("office"), default=0, help_text=_("0: no office"))
    right_type = models.CharField(_("right type"), max_length=20, blank=True)
    mode = models.CharField(_("handling mode"), max_length=20, blank=True)
    figure = models.CharField(_("figure"), max_length=40)
    bucket = models.PositiveSmallIntegerField(_("duration bucket"), default=0)
    n = models.BigIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("daily figure")
        verbose_name_plural = _("daily figures")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "platform_pk", "office_pk", "right_type", "mode", "figure", "bucket"],
                name="daily_figure_one_row_per_key",
            )
        ]
        indexes = [
            models.Index(fields=["day", "figure"], name="daily_figure_day"),
            models.Index(fields=["platform_pk", "day"], name="daily_figure_platform_day"),
            models.Index(fields=["office_pk", "day"], name="daily_figure_office_day"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.figure}[{self.bucket}] = {self.n}"


class OverdueNow(models.Model):
    """Open cases past the deadline of whoever must act, per platform and office, as the periodic job
    (aggregates.tasks.refresh_overdue_now) last counted them: "overdue now" without a count per request."""

    platform_pk = models.PositiveIntegerField(_("platform"))
    office_pk = models.PositiveIntegerField(_("office"), default=0, help_text=_("0: no office"))
    n = models.PositiveIntegerField(_("overdue cases"))
    counted_at = models.DateTimeField(_("counted at"))

    class Meta:
        verbose_name = _("overdue cases now")
        verbose_name_plural = _("overdue cases now")
        constraints = [
            models.UniqueConstraint(fields=["platform_pk", "office_pk"], name="overdue_now_one_row_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.platform_pk}/{self.office_pk}: {self.n}"


class WorkloadNow(models.Model):
    """Open cases assigned to each official in the case's office, and how many of them are past their
    deadline, as the periodic job (aggregates.tasks.refresh_overdue_now) last counted them: the office
    dashboard's workload without a count of the docket per request."""

    office_pk = models.PositiveIntegerField(_("office"))
    official_pk = models.PositiveIntegerField(_("official"))
    open_cases = models.PositiveIntegerField(_("open assigned cases"))
    overdue_cases = models.PositiveIntegerField(_("of which overdue"))
    counted_at = models.DateTimeField(_("counted at"))

    class Meta:
        verbose_name = _("workload now")
        verbose_name_plural = _("workloads now")
        constraints = [
            models.UniqueConstraint(fields=["office_pk", "official_pk"], name="workload_now_one_row_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.office_pk}/{self.official_pk}: {self.open_cases} ({self.overdue_cases})"
