from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "enforcement"
    verbose_name = _("Enforcement")

    def ready(self) -> None:
        from enforcement.official_calendar import official_calendar_ship_after_migrate

        # Sent once for every installed app: listening for this one imports once per migrate.
        post_migrate.connect(official_calendar_ship_after_migrate, sender=self)
