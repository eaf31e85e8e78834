import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def _default_language_afterwards():  # type: ignore[no-untyped-def]
    """Requests here activate Chinese in this thread; later tests (in other modules) expect the default."""
    yield
    translation.activate(settings.LANGUAGE_CODE)
