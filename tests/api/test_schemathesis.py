"""A schemathesis run against the app's own OpenAPI schema with every check and every operation.

The app answers over real HTTP (pytest-django's live server, on PostgreSQL) and the run goes through all
of schemathesis' phases: the schema's examples, coverage (boundaries, wrong types, missing and unexpected
parts, undeclared methods), fuzzing and stateful sequences. Every check applies: no server error, status
codes, content types, headers and bodies as documented, input the schema allows is accepted, input it
forbids is refused, authentication is not ignored. Each operation is called as the kind of user it is for,
signed in through the token endpoint; who may call what is the access matrix's job
(tests/security/test_access_matrix.py).

Bounded: MAX_EXAMPLES generated requests per operation in fuzzing and in stateful testing, plus the
coverage phase's own fixed set: about 1,600 requests, sent by two workers (run with -s for the figures).
"""

import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
import requests
import schemathesis
from hypothesis import strategies as st
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import StopReason, events, from_schema

from cases.models import CaseStatus, HandlingMode
from complaints.models import ComplaintStatus
from tests.factories import PASSWORD, CaseFactory, ComplaintFactory, IPRightFactory, ListingFactory
from webhooks.models import WebhookDelivery, WebhookEndpoint

MAX_EXAMPLES = 10

# What the schema says but a generator cannot make up: a "binary" part is a document of a kind the API
# takes (the schema's multipart encoding lists them; the API reads the first bytes), and a bulk upload is
# a CSV of listings. The document is a PDF given as text: schemathesis reads a sent form back to judge
# whether it was valid, and cannot when a part is bytes.
schemathesis.openapi.format(
    "binary", st.integers(1, 10**6).map(lambda n: f"%PDF-1.4\n% evidence {n}\n%%EOF\n")
)
schemathesis.openapi.media_type(
    "text/csv",
    st.integers(1, 10**6).map(
        lambda n: f"url,store_ref\nhttps://shop.example.com/item/{n},store-{n}\n".encode()
    ),
)


@pytest.fixture
def users(
    transactional_db, default_routing_rules, rightsholder_user, platform, platform_user, office, office_user
):
    """A rightsholder with a verified right and a draft; cases on the platform in each handling mode, the
    assisted and administrative ones at the office; a webhook endpoint with a delivery."""
    right = IPRightFactory(owner_org=rightsholder_user.organisation)
    filed = {
        "right": right,
        "filed_by_org": right.owner_org,
        "filed_by": rightsholder_user,
        "platform": platform,
    }
    ListingFactory(complaint=ComplaintFactory(**filed))
    for status, mode in (
        (CaseStatus.AWAITING_PLATFORM, HandlingMode.PLATFORM),
        (CaseStatus.AWAITING_OPINION, HandlingMode.ASSISTED),
        (CaseStatus.AWAITING_OFFICE_DECISION, HandlingMode.ADMINISTRATIVE),
    ):
        complaint = ComplaintFactory(**filed, status=ComplaintStatus.SUBMITTED)
        CaseFactory(complaint=complaint, status=status, mode=mode, office=office, listings=2)
    endpoint = WebhookEndpoint.objects.create(platform=platform, url="https://hooks.example.com/in")
    WebhookDelivery.objects.create(
        endpoint=endpoint, event_id=uuid.uuid4(), event_type="case.routed", payload={}
    )
    return {"rightsholder": rightsholder_user, "platform": platform_user, "office": office_user}


OFFICE_STEPS = (
    "/opinion/",
    "/administrative-decision/",
    "/accept/",
    "/decline/",
    "/assignments/",
    "/sessions/",
    "/mediation-result/",
    "/transfers/",
    "/assistance-requests/",
)
COMPLAINANT_STEPS = ("/information/", "/follow-up/", "/withdraw/", "/consent/")


def caller_of(path: str) -> str:
    """The kind of user an operation is for (the respondent's take no token: any will do)."""
    if path.startswith(("/api/v1/transfers/", "/api/v1/assistance-requests/")):
        return "office"
    if path.startswith("/api/v1/cases/"):
        if path.endswith(OFFICE_STEPS):
            return "office"
        if path.endswith(COMPLAINANT_STEPS):
            return "rightsholder"
        return "platform"
    if path.startswith(("/api/v1/webhooks/", "/api/v1/stores/", "/api/v1/counter-notice-evidence/")):
        return "platform"
    return "rightsholder"


@pytest.fixture
def api_schema(live_server, users, settings, monkeypatch) -> Iterator[schemathesis.BaseSchema]:
    # Webhook hosts are not looked up here (the network is shut); the address check has its own tests.
    settings.IPRGOV_WEBHOOK_ALLOW_PRIVATE_HOSTS = True
    # Throttling and the sign-in lockout have their own tests: here they would only stop the run (it sends
    # wrong passwords for the users it signs in as).
    settings.IPRGOV_LOGIN_MAX_FAILURES = settings.IPRGOV_LOGIN_MAX_FAILURES_PER_IP = 10**6
    rates = {"user": "100000/minute", "anon": "100000/minute"}
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", rates)
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", rates)
    config = SchemathesisConfig.from_dict(
        {
            "seed": 18,
            "workers": 2,
            # Submitting a generated complaint of many stores routes every case in-process before the
            # answer (no broker here); the run checks answers against the schema, not their speed.
            "request-timeout": 60,
            "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True, "database": "none"},
        }
    )
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/schema/", config=config)
    _sign_in_through_the_token_endpoint(schema, live_server.url, users)
    _tell_what_the_schema_cannot(schema)
    yield schema


def _sign_in_through_the_token_endpoint(schema, base_url: str, users: dict) -> None:
    def key(case, context) -> str:
        return caller_of(context.operation.path)

    # One token per kind of user, fetched again after a 401 (the run rotates tokens too).
    @schema.auth(cache_by_key=key)
    class TokenOfTheCaller:
        def get(self, case, context) -> str:
            user = users[caller_of(context.operation.path)]
            answer = requests.post(
                f"{base_url}/api/v1/auth/token/",
                json={"username": user.username, "password": PASSWORD},
                timeout=10,
            )
            assert answer.status_code == 200, answer.text
            return answer.json()["token"]

        def set(self, case, data: str, context) -> None:
            case.headers = {**(case.headers or {}), "Authorization": f"Token {data}"}


def _tell_what_the_schema_cannot(schema) -> None:
    """Two rules no OpenAPI 3.0 schema can state, applied to the requests meant to be valid."""

    def meant_valid(case) -> bool:
        return case.meta is not None and case.meta.generation.mode.is_positive

    # An Idempotency-Key stands for one request: the same key with another body is a 422 by design
    # (docs/api.md), so each valid request gets a key of its own.
    @schema.hook("map_case")
    def a_key_of_its_own(context, case):
        if meant_valid(case) and "Idempotency-Key" in (case.headers or {}):
            case.headers["Idempotency-Key"] = str(uuid.uuid4())
        return case

    # A session is scheduled in the future (the schema cannot name "now").
    @schema.hook("filter_case")
    def sessions_ahead(context, case) -> bool:
        body = case.body
        if meant_valid(case) and isinstance(body, dict) and isinstance(body.get("scheduled_for"), str):
            try:
                when = datetime.fromisoformat(body["scheduled_for"])
            except ValueError:
                return True
            # A time without an offset is read in the server's zone: a day's margin covers any zone.
            return when.replace(tzinfo=when.tzinfo or UTC) > datetime.now(UTC) + timedelta(days=1)
        return True

    # A right is valid from one date until a later one (a database constraint across two fields).
    @schema.hook("filter_case")
    def validity_in_order(context, case) -> bool:
        body = case.body
        if meant_valid(case) and isinstance(body, dict):
            start, end = body.get("valid_from"), body.get("valid_until")
            if isinstance(start, str) and isinstance(end, str):
                return start <= end
        return True


def _failures(event: events.EngineEvent, describe: Callable[[str], str]) -> list[str]:
    if isinstance(event, events.NonFatalError):
        return [f"{event.label}: {event.info.message}"]
    if isinstance(event, events.FatalError):
        return [f"fatal: {event.exception!r}"]
    if not isinstance(event, events.ScenarioFinished):
        return []
    found = []
    for case_id, checks in event.recorder.checks.items():
        for check in checks:
            if check.failure_info is not None:
                failure = check.failure_info.failure
                found.append(
                    f"{event.label} [{check.name}] {failure.title}: {failure.message}\n{describe(case_id)}"
                )
    return found


def test_every_operation_answers_as_its_schema_says(api_schema):
    operations = {result.ok().label for result in api_schema.get_all_operations()}
    started = time.monotonic()
    tested: set[str] = set()
    requests_sent = 0
    failures: list[str] = []
    stop_reason = None

    for event in from_schema(api_schema).execute():
        if isinstance(event, events.ScenarioFinished):
            tested.add(event.label or "stateful")
            requests_sent += len(event.recorder.interactions)

            def describe(case_id: str, recorder=event.recorder) -> str:
                interaction = recorder.interactions.get(case_id)
                if interaction is None:
                    return ""
                response = interaction.response
                answer = f"{response.status_code} {response.content[:300]!r}" if response else "no answer"
                return f"  {interaction.request.method} {interaction.request.uri} -> {answer}"

            failures.extend(_failures(event, describe))
        else:
            failures.extend(_failures(event, str))
        if isinstance(event, events.EngineFinished):
            stop_reason = event.stop_reason

    print(
        f"\nschemathesis: {requests_sent} requests to {len(tested)} operations in {time.monotonic() - started:.0f} s"
    )
    assert not failures, "\n\n".join(failures)
    assert stop_reason == StopReason.COMPLETED
    assert len(operations) >= 68 and operations <= tested, sorted(operations - tested)
