"""The settings of the release before API tokens were hashed: rest_framework.authtoken installed, keeping one
clear token per user. Tests make a database of that release with DRF's own migrations and Token model."""

from iprgov.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "rest_framework.authtoken"]  # noqa: F405
