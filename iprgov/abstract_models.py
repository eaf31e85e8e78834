"""Abstract models shared by the apps (no tables of their own)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AnsweredRequest(models.Model):
    """Who asked and when, and the written answer with who gave it and when (blank until answered)."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        abstract = True
