"""Property-based run of every operation in the OpenAPI schema: whatever the input, never a 5xx.

The schema is loaded from the app itself (/api/schema/) and the generated requests go through WSGI
in-process, authenticated as a rightsholder that has a verified right (so that creating drafts, adding
listings and submitting can succeed) and as platform staff. Kept small to stay well under two minutes.
"""

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle
from schemathesis import GenerationMode

from accounts.services_tokens import api_token_create
from tests.factories import IPRightFactory, PlatformFactory


@pytest.fixture
def api_schema(db, monkeypatch) -> Iterator[object]:
    # As Django's test client does: keep the test's transaction open across the in-process requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    monkeypatch.setattr(
        UserRateThrottle, "THROTTLE_RATES", {"user": "100000/minute", "anon": "100000/minute"}
    )
    monkeypatch.setattr(
        AnonRateThrottle, "THROTTLE_RATES", {"user": "100000/minute", "anon": "100000/minute"}
    )
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(rightsholder_user, platform_user) -> dict[str, str]:
    IPRightFactory(owner_org=rightsholder_user.organisation)
    PlatformFactory()
    return {
        kind: api_token_create(user=user, name="schemathesis").key
        for kind, user in (("rightsholder", rightsholder_user), ("platform", platform_user))
    }


def _run(operation, tokens: dict[str, str], mode: GenerationMode) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @hypothesis_settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate],
    )
    def check(case) -> None:
        for token in tokens.values():
            response = case.call(headers={"Authorization": f"Token {token}"})
            where = f"{case.method} {case.formatted_path}"
            assert response.status_code < 500, f"{where} -> {response.status_code}: {response.text[:500]}"
            if response.status_code >= 400 and response.headers.get("Content-Type", "").startswith(
                "application/json"
            ):
                assert "errors" in response.json(), f"{where}: {response.text[:500]}"

    try:
        check()
    except Unsatisfiable:
        # An operation without inputs that can be made invalid (e.g. POST .../submit/) has no negative cases.
        assert mode == GenerationMode.NEGATIVE, operation.label


# The pytest plugin of schemathesis (`from_fixture`) does not run under pytest 9 yet, so the operations are
# walked here and each gets its own hypothesis run: valid inputs (positive) and invalid ones (negative).
MAX_EXAMPLES = 10


@pytest.mark.parametrize(
    "mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["positive", "negative"]
)
def test_no_input_gives_a_server_error(api_schema, tokens, mode):
    operations = [result.ok() for result in api_schema.get_all_operations()]

    assert len(operations) >= 20
    for operation in operations:
        _run(operation, tokens, mode)
