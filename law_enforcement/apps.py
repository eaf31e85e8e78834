from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LawEnforcementConfig(AppConfig):
    name = "law_enforcement"
    verbose_name = _("Referrals to law enforcement")
