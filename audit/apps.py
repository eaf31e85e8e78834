from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Audit")

    def ready(self) -> None:
        from audit.db_privileges import application_role_grant_after_migrate

        # post_migrate is sent once for every installed app: listening for this one grants once per migrate.
        post_migrate.connect(application_role_grant_after_migrate, sender=self)
