from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AggregatesConfig(AppConfig):
    name = "aggregates"
    verbose_name = _("Statistics")

    def ready(self) -> None:
        from aggregates import receivers

        receivers.connect()
        # Sent once for every installed app: listening for this one fills the table once per migrate.
        post_migrate.connect(receivers.fill_after_migrate, sender=self)
