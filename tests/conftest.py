import pytest
from django.http import HttpRequest
from rest_framework.test import APIClient

from accounts.models import OrgKind
from tests.factories import PASSWORD, OfficeFactory, OrganisationFactory, PlatformFactory, UserFactory


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    """A request in Chinese leaves Chinese active in this thread; the next test starts in the default."""
    from django.conf import settings
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Tests make and log in many users; the production hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """API throttle counters (iprgov.throttling) live in the cache: no test inherits another's calls."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _tasks_in_process(settings):
    """Unit tests run tasks in-process; tests marked `worker` use a real Celery worker on Redis."""
    settings.CELERY_TASK_ALWAYS_EAGER = True


@pytest.fixture
def default_routing_rules(transactional_db) -> None:
    """Transactional tests (live server, real workers) empty every table when they end, the routing table
    shipped by the data migration included: put it back for the tests that route."""
    import importlib

    from cases.models import RoutingRule

    shipped = importlib.import_module("enforcement.migrations.0003_default_routing_rules").DEFAULT_RULES
    for position, name, conditions, mode, days in shipped:
        RoutingRule.objects.update_or_create(
            position=position,
            defaults={"name": name, "mode": mode, "deadline_working_days": days, **conditions},
        )


@pytest.fixture
def rightsholder_user(db):
    return UserFactory(organisation=OrganisationFactory(kind=OrgKind.RIGHTSHOLDER))


@pytest.fixture
def platform(db):
    return PlatformFactory()


@pytest.fixture
def platform_user(platform):
    return UserFactory(organisation=platform.organisation)


@pytest.fixture
def office(db):
    return OfficeFactory()


@pytest.fixture
def office_user(office):
    return UserFactory(organisation=office.organisation)


@pytest.fixture
def login(client):
    """Log the test client in as a user: `login(user)`."""

    def _login(user):
        assert client.login(request=HttpRequest(), username=user.username, password=PASSWORD)
        return client

    return _login


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()
