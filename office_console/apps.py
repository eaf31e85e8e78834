from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficeConsoleConfig(AppConfig):
    name = "office_console"
    verbose_name = _("Office console")
