from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlatformConsoleConfig(AppConfig):
    name = "platform_console"
    verbose_name = _("Platform console")
