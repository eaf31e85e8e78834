"""A Python client generated from the app's own OpenAPI schema drives one complaint through each handling
mode, end to end, against a live server, with routing done by a real Celery worker on Redis.

openapi-python-client turns the schema served at /api/schema/ into a package in a temporary directory
(offline: the schema is read from a file). Every call below goes through that package's typed functions
and models, and every answer is parsed by them: an operation missing from the schema, a body the schema
describes wrongly or a status it does not document fails here. The rightsholder, the platform and the
office sign in through the token endpoint; the respondent uses only its signed token, as its email gives it.
"""

import importlib
import pkgutil
import subprocess
import sys
import time
import typing
from io import BytesIO
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import requests

from accounts.models import Role
from cases.links import respondent_token
from cases.models import Case
from complaints.models import RightType
from tests.factories import (
    PASSWORD,
    IPRightFactory,
    OfficeFactory,
    OrganisationFactory,
    PlatformFactory,
    UserFactory,
)
from tests.test_worker_routing import celery_on_redis, start_worker  # noqa: F401 — fixtures reused

pytestmark = pytest.mark.worker

PACKAGE = "iprgov_client"
ROUTED_WITHIN_SECONDS = 30
# No formatter runs on the generated code: the test only imports it.
GENERATOR_CONFIG = f"project_name_override: {PACKAGE}\npackage_name_override: {PACKAGE}\npost_hooks: []\n"


def generate_client(schema_url: str, directory: Path) -> ModuleType:
    schema = directory / "schema.json"
    schema.write_bytes(requests.get(schema_url, params={"format": "json"}, timeout=30).content)
    config = directory / "generator.yaml"
    config.write_text(GENERATOR_CONFIG)
    generator = Path(sys.executable).with_name("openapi-python-client")
    result = subprocess.run(  # noqa: S603 — our own virtual environment's generator, fixed arguments
        [
            str(generator),
            "generate",
            "--path",
            str(schema),
            "--meta",
            "none",
            "--output-path",
            str(directory / PACKAGE),
            "--config",
            str(config),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # A schema the generator cannot fully follow still gives a client, with pieces missing: not trusted.
    assert "Warning" not in result.stdout, result.stdout
    sys.path.insert(0, str(directory))
    return importlib.import_module(PACKAGE)


class GeneratedApi:
    """Calls the generated client's operation functions by operationId, with bodies as its models."""

    def __init__(self, package: ModuleType, base_url: str) -> None:
        self.package = package
        self.base_url = base_url
        self.groups = [
            m.name for m in pkgutil.iter_modules(importlib.import_module(f"{PACKAGE}.api").__path__)
        ]

    def operation(self, operation_id: str) -> ModuleType:
        for group in self.groups:
            try:
                return importlib.import_module(f"{PACKAGE}.api.{group}.{operation_id}")
            except ModuleNotFoundError:
                continue
        raise AssertionError(f"the generated client has no operation {operation_id}")

    def anonymous(self) -> Any:
        return self.package.Client(base_url=self.base_url, raise_on_unexpected_status=True)

    def signed_in(self, username: str) -> Any:
        issued = self.call(
            self.anonymous(), "auth_token_create", 200, body={"username": username, "password": PASSWORD}
        )
        return self.package.AuthenticatedClient(
            base_url=self.base_url, token=issued.token, prefix="Token", raise_on_unexpected_status=True
        )

    def model(self, name: str, **fields: Any) -> Any:
        return getattr(importlib.import_module(f"{PACKAGE}.models"), name)(**fields)

    def file(self, name: str, content: bytes) -> Any:
        return self.package.types.File(payload=BytesIO(content), file_name=name, mime_type="application/pdf")

    @staticmethod
    def body(hint: Any, given: dict) -> Any:
        """The body as the generated model; where the schema gives alternatives (anyOf), the first that
        takes it."""
        for model in typing.get_args(hint) or (hint,):
            try:
                return model.from_dict(given)
            except (KeyError, TypeError, ValueError):
                continue
        raise AssertionError(f"no model of {hint} takes {given}")

    def call(self, client: Any, operation_id: str, status: int, **kwargs: Any) -> Any:
        module = self.operation(operation_id)
        body = kwargs.get("body")
        if isinstance(body, dict):
            kwargs["body"] = self.body(typing.get_type_hints(module.sync_detailed)["body"], body)
        response = module.sync_detailed(client=client, **kwargs)
        assert response.status_code == status, (operation_id, response.status_code, response.content[:500])
        return response.parsed


@pytest.fixture
def world(transactional_db, default_routing_rules) -> dict[str, Any]:
    """A platform, the office serving its region (a manager and an official), a rightsholder with a
    trademark and a design patent: what an operator sets up before anyone integrates."""
    platform = PlatformFactory()
    office = OfficeFactory(regions=[platform.region])
    holder = OrganisationFactory(kind="rightsholder")
    return {
        "marketplace": platform,
        "holder_user": UserFactory(organisation=holder),
        "platform_user": UserFactory(organisation=platform.organisation),
        "manager_user": UserFactory(organisation=office.organisation, organisation__role=Role.MANAGER),
        "official_user": UserFactory(organisation=office.organisation),
        "trademark": IPRightFactory(owner_org=holder),
        "design": IPRightFactory(owner_org=holder, right_type=RightType.DESIGN_PATENT),
    }


@pytest.fixture
def api(live_server, world, start_worker, tmp_path) -> typing.Iterator[tuple[GeneratedApi, dict[str, Any]]]:  # noqa: F811 — the fixture imported above
    start, _log = start_worker
    start()
    package = generate_client(f"{live_server.url}/api/schema/", tmp_path)
    generated = GeneratedApi(package, live_server.url)
    clients = {
        "holder": generated.signed_in(world["holder_user"].username),
        "platform": generated.signed_in(world["platform_user"].username),
        "manager": generated.signed_in(world["manager_user"].username),
        "official": generated.signed_in(world["official_user"].username),
        "respondent": generated.anonymous(),
    }
    yield generated, {**world, **clients}
    sys.path.remove(str(tmp_path))
    for name in [m for m in sys.modules if m == PACKAGE or m.startswith(f"{PACKAGE}.")]:
        del sys.modules[name]


def file_a_complaint(api: GeneratedApi, who: dict, *, right, store: str, **extra: Any) -> Any:
    """The rightsholder files one listing of `store`, with evidence, and waits until the worker routed it."""
    holder = who["holder"]
    body = {
        "right": right.pk,
        "platform": who["marketplace"].pk,
        "infringement_type": "patent" if right.right_type == RightType.DESIGN_PATENT else "counterfeit",
        "description": "The listed goods copy the protected product.",
        "good_faith_declared": True,
        "listings": [
            {"url": f"https://shop.example.test/{store}/1", "store_ref": store, "store_name": store}
        ],
        **extra,
    }
    complaint = api.call(holder, "complaints_create", 201, body=body)
    evidence = api.model("EvidenceInputRequest", files=[api.file("test purchase.pdf", b"%PDF-1.4 purchase")])
    api.call(holder, "complaints_evidence_create", 201, id=complaint.id, body=evidence)
    api.call(holder, "complaints_submit_create", 200, id=complaint.id)
    deadline = time.monotonic() + ROUTED_WITHIN_SECONDS
    while time.monotonic() < deadline:
        page = api.call(holder, "cases_list", 200, complaint=complaint.id)
        if page.results and page.results[0].status != "new":
            return page.results[0]
        time.sleep(0.3)
    raise AssertionError("the worker did not route the complaint in time")


def actions(api: GeneratedApi, client: Any, case_id: int) -> dict[str, str]:
    detail = api.call(client, "cases_retrieve", 200, id=case_id)
    return {action.action: action.endpoint for action in detail.available_actions}


def decide_all(api: GeneratedApi, who: dict, case_id: int, reason_code: str) -> None:
    detail = api.call(who["platform"], "cases_retrieve", 200, id=case_id)
    body = {
        "listings": [listing.id for listing in detail.listings],
        "action": "take_down",
        "reason_code": reason_code,
        "statement": "The test purchase showed the goods copy the protected product.",
    }
    api.call(who["platform"], "cases_listing_decisions_create", 201, id=case_id, body=body)


def test_platform_mode_notice_counter_notice_and_follow_up(api):
    api, who = api
    case = file_a_complaint(api, who, right=who["trademark"], store="store-p")
    assert (case.mode, case.status) == ("platform", "awaiting_platform")
    assert "listings_decided" in actions(api, who["platform"], case.id)

    decide_all(api, who, case.id, "counterfeit")
    token = respondent_token(Case.objects.get(pk=case.id))
    notice = api.call(who["respondent"], "respondent_retrieve", 200, token=token)
    assert notice.can_file_counter_notice and notice.case.status == "notice_forwarded"
    counter_notice = api.model(
        "CounterNoticeInputRequest",
        respondent_name="Store P",
        contact_email="owner@store-p.example.test",
        statement="The goods are genuine: bought from the brand's distributor.",
        declaration=True,
        evidence=[api.file("invoice.pdf", b"%PDF-1.4 invoice")],
    )
    api.call(who["respondent"], "respondent_counter_notice_create", 201, token=token, body=counter_notice)

    documents = api.call(who["platform"], "cases_documents_list", 200, id=case.id)
    filed = next(d for d in documents if d.kind == "counter_notice_evidence")
    download = api.operation("counter_notice_evidence_file_retrieve")
    assert download.sync_detailed(client=who["platform"], id=filed.id).content == b"%PDF-1.4 invoice"
    assert (
        api.call(who["platform"], "cases_counter_notice_forward_create", 200, id=case.id).status
        == "window_open"
    )
    closed = api.call(
        who["holder"],
        "cases_follow_up_create",
        200,
        id=case.id,
        body={"reference": "Beijing IP Court (2026) 0123"},
    )

    assert closed.status == "closed"
    events = api.call(who["platform"], "events_retrieve", 200)
    assert {"case.counter_notice_received", "case.counter_notice_forwarded", "case.follow_up_filed"} <= {
        e.type_ for e in events.results if e.case_id == case.id
    }
    history = api.call(who["holder"], "cases_history_list", 200, id=case.id)
    assert history[-1].action == "follow_up_filed"


def test_assisted_mode_opinion_then_the_platforms_decision(api):
    api, who = api
    case = file_a_complaint(api, who, right=who["design"], store="store-a")
    assert (case.mode, case.status) == ("assisted", "awaiting_opinion")

    opinion = {"outcome": "infringing", "reasoning": "The design is the same in overall visual impression."}
    api.call(who["official"], "cases_opinion_create", 201, id=case.id, body=opinion)
    decide_all(api, who, case.id, "office_opinion")

    detail = api.call(who["holder"], "cases_retrieve", 200, id=case.id)
    assert detail.case.status == "notice_forwarded" and detail.opinion.outcome == "infringing"


def test_administrative_mode_consent_acceptance_decision_and_execution(api):
    api, who = api
    case = file_a_complaint(api, who, right=who["trademark"], store="store-x", requested_administrative=True)
    assert (case.mode, case.status) == ("administrative", "awaiting_consent")

    token = respondent_token(Case.objects.get(pk=case.id))
    consent = {"name": "Store X", "consent": True}
    api.call(who["respondent"], "respondent_consent_create", 200, token=token, body=consent)
    assert "case_accepted" in actions(api, who["manager"], case.id)
    assert (
        api.call(who["manager"], "cases_accept_create", 200, id=case.id).status == "awaiting_office_decision"
    )
    refused = api.call(who["manager"], "cases_accept_create", 409, id=case.id)
    assert refused.errors[0].code == "transition_not_allowed"
    api.call(
        who["manager"],
        "cases_assignments_create",
        200,
        id=case.id,
        body={"officials": [who["official_user"].pk]},
    )
    decision = {
        "infringement_established": True,
        "measures_ordered": "Take the listing down.",
        "reasoning": "The goods bear the registered mark without the holder's consent.",
    }
    api.call(who["official"], "cases_administrative_decision_create", 201, id=case.id, body=decision)
    decide_all(api, who, case.id, "office_decision")
    closed = api.call(
        who["platform"], "cases_execution_confirmation_create", 200, id=case.id, body={"note": "Done."}
    )

    assert closed.status == "closed"
    unread = api.call(who["holder"], "notifications_unread_count_retrieve", 200)
    assert unread.unread > 0
    api.call(who["holder"], "notifications_read_create", 200)
    assert api.call(who["holder"], "notifications_unread_count_retrieve", 200).unread == 0
