from django.contrib.admin.apps import AdminConfig


class IprgovAdminConfig(AdminConfig):
    """django.contrib.admin with the admin site that applies the second-factor policy."""

    default_site = "accounts.admin_site.IprgovAdminSite"
