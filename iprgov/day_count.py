"""How a period of days is counted. Shared by platforms (their windows), enforcement (the calendar) and cases
(each deadline), which may not import one another."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DayCount(models.TextChoices):
    WORKING = "working", _("working days")
    CALENDAR = "calendar", _("calendar days")
