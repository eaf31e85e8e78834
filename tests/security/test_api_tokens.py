"""API tokens: kept hashed, shown once, expiring, revocable, listed and revoked only by their owner, never shown
by the admin (nor a webhook signing secret or a TOTP key), and the clear tokens of the previous release hashed."""

import hashlib
import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from accounts.models import ApiToken, OrgKind, User
from accounts.services_tokens import api_token_create
from audit.models import AuditEntry
from tests.factories import PASSWORD, OrganisationFactory, PlatformFactory, UserFactory
from tests.security.test_accounts_security import ROOT, code_for, log_in
from tests.test_settings import start_django
from tests.workers import worker_database_url
from webhooks.models import WebhookEndpoint

pytestmark = pytest.mark.django_db

TOKENS_URL = "/api/v1/auth/tokens/"


def _client_with(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def _tables_holding(text: str) -> list[str]:
    """Every table with a row whose text (all columns, as PostgreSQL prints the row) contains `text`."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            name = connection.ops.quote_name(table)
            cursor.execute(f"SELECT 1 FROM {name} AS t WHERE t::text LIKE %s LIMIT 1", [f"%{text}%"])  # noqa: S608 — a quoted table name
            if cursor.fetchone():
                found.append(table)
    return found


def _refusal(response) -> tuple[int, list[dict]]:
    return response.status_code, response.json()["errors"]


def _key_on(page) -> str:
    """The key the token page shows for the token it just made."""
    body = page.content.decode()
    start = body.index('<code class="token">') + len('<code class="token">')
    return body[start : body.index("</code>", start)]


# Kept hashed, shown once


def test_no_key_is_kept_anywhere_in_the_database_only_its_sha256(client, rightsholder_user):
    obtained = APIClient().post(
        "/api/v1/auth/token/", {"username": rightsholder_user.username, "password": PASSWORD}, format="json"
    )
    by_api = _client_with(obtained.json()["token"]).post(TOKENS_URL, {"name": "import"}, format="json")
    client.login(request=HttpRequest(), username=rightsholder_user.username, password=PASSWORD)
    on_page = client.post(reverse("api:token_page"), {"name": "from the page"})
    keys = [obtained.json()["token"], by_api.json()["token"], _key_on(on_page)]

    assert len(set(keys)) == 3
    for key in keys:
        assert _tables_holding(key) == [], key
        assert ApiToken.objects.filter(digest=hashlib.sha256(key.encode()).hexdigest()).exists()


def test_the_page_shows_a_new_key_once_and_lists_only_prefixes_afterwards(login, rightsholder_user):
    client = login(rightsholder_user)

    made = client.post(reverse("api:token_page"), {"name": "nightly import"})
    token = rightsholder_user.api_tokens.get()
    key = _key_on(made)
    later = client.get(reverse("api:token_page"))
    listed = _client_with(key).get(TOKENS_URL)

    assert made.status_code == 200 and made["Cache-Control"] == "private, no-store"
    assert "shown only this once" in made.content.decode()
    assert key.startswith(token.prefix) and len(key) >= 43
    assert key not in later.content.decode()
    assert f"{token.prefix}…" in later.content.decode() and "nightly import" in later.content.decode()
    assert key not in listed.content.decode()
    assert listed.json()["results"] == [
        {
            "id": token.pk,
            "name": "nightly import",
            "prefix": token.prefix,
            "created_at": listed.json()["results"][0]["created_at"],
            "expires_at": listed.json()["results"][0]["expires_at"],
            "last_used_at": listed.json()["results"][0]["last_used_at"],
        }
    ]
    assert listed.json()["results"][0]["last_used_at"] is not None  # this very call used it


def test_a_token_made_through_the_api_is_in_the_response_only(rightsholder_user):
    first = _client_with(api_token_create(user=rightsholder_user, name="first").key)

    made = first.post(TOKENS_URL, {"name": "second"}, format="json")
    unnamed = first.post(TOKENS_URL, {}, format="json")

    assert made.status_code == 201 and made["Cache-Control"] == "no-store"
    assert made.json()["name"] == "second" and made.json()["username"] == rightsholder_user.username
    assert _client_with(made.json()["token"]).get("/api/v1/complaints/").status_code == 200
    assert _refusal(unnamed) == (
        400,
        [{"field": "name", "code": "required", "message": "This field is required."}],
    )


# Expiry and revocation


def test_a_token_works_for_the_configured_days_then_is_refused_as_expired(settings, rightsholder_user):
    settings.IPRGOV_API_TOKEN_TTL_DAYS = 7
    issued = api_token_create(user=rightsholder_user, name="import")
    client = _client_with(issued.key)
    lifetime = issued.token.expires_at - issued.token.created_at

    def age(by: timedelta) -> None:
        ApiToken.objects.filter(pk=issued.token.pk).update(
            created_at=issued.token.created_at - by, expires_at=issued.token.expires_at - by
        )

    age(timedelta(days=7) - timedelta(minutes=1))
    almost = client.get("/api/v1/complaints/")
    age(timedelta(days=7))
    expired = client.get("/api/v1/complaints/")

    assert lifetime == timedelta(days=7)
    assert almost.status_code == 200
    status, errors = _refusal(expired)
    assert status == 401 and expired["WWW-Authenticate"] == "Token"
    assert [(e["field"], e["code"]) for e in errors] == [(None, "token_expired")]
    assert "expired" in errors[0]["message"]


def test_a_lifetime_under_a_day_stops_start_up():
    result = start_django(DJANGO_DEBUG="true", IPRGOV_API_TOKEN_TTL_DAYS="0")

    assert result.returncode != 0
    assert "IPRGOV_API_TOKEN_TTL_DAYS=0 must be 1 or more" in result.stderr


def test_a_revoked_token_is_refused_as_revoked_and_an_unknown_one_as_invalid(rightsholder_user):
    kept = _client_with(api_token_create(user=rightsholder_user, name="kept").key)
    doomed = api_token_create(user=rightsholder_user, name="doomed")

    revoked = kept.delete(f"{TOKENS_URL}{doomed.token.pk}/")
    again = kept.delete(f"{TOKENS_URL}{doomed.token.pk}/")
    with_revoked = _client_with(doomed.key).get("/api/v1/complaints/")
    with_unknown = _client_with("x" * 43).get("/api/v1/complaints/")

    assert revoked.status_code == 204
    assert _refusal(again)[0] == 404
    assert _refusal(with_revoked)[0] == 401
    assert [e["code"] for e in _refusal(with_revoked)[1]] == ["token_revoked"]
    assert [e["code"] for e in _refusal(with_unknown)[1]] == ["token_invalid"]
    assert [t["name"] for t in kept.get(TOKENS_URL).json()["results"]] == ["kept"]
    assert kept.get("/api/v1/complaints/").status_code == 200


def test_a_call_finds_its_token_in_one_query_and_notes_its_use_at_most_once_a_minute(rightsholder_user):
    issued = api_token_create(user=rightsholder_user, name="import")
    client = _client_with(issued.key)

    with CaptureQueriesContext(connection) as first:
        client.get("/api/v1/cases/")
    with CaptureQueriesContext(connection) as second:
        client.get("/api/v1/cases/")
    ApiToken.objects.filter(pk=issued.token.pk).update(last_used_at=timezone.now() - timedelta(minutes=2))
    with CaptureQueriesContext(connection) as a_while_later:
        client.get("/api/v1/cases/")

    print(f"\nqueries per call: first {len(first)}, next {len(second)}, a while later {len(a_while_later)}")
    token_lookups = [q for q in second.captured_queries if '"accounts_apitoken"' in q["sql"]]
    assert len(token_lookups) == 1 and "SELECT" in token_lookups[0]["sql"]
    # The first call and one a while later also write the time of use; the next one within a minute does not.
    assert len(first) == len(a_while_later) == len(second) + 1
    last_used_at = ApiToken.objects.get(pk=issued.token.pk).last_used_at
    assert last_used_at is not None and last_used_at > timezone.now() - timedelta(minutes=1)


def test_a_token_of_a_disabled_account_is_refused(rightsholder_user):
    client = _client_with(api_token_create(user=rightsholder_user, name="import").key)
    User.objects.filter(pk=rightsholder_user.pk).update(is_active=False)

    response = client.get("/api/v1/complaints/")

    assert _refusal(response)[0] == 401 and _refusal(response)[1][0]["code"] == "account_disabled"


def test_making_and_revoking_tokens_is_in_the_audit_trail(login, rightsholder_user):
    client = login(rightsholder_user)
    client.post(reverse("api:token_page"), {"name": "import"})
    token = rightsholder_user.api_tokens.get()

    client.post(reverse("api:token_page_revoke", args=[token.pk]))

    entries = AuditEntry.objects.filter(subject_type="apitoken", subject_id=token.pk).order_by("pk")
    assert [(e.action, e.actor_id) for e in entries] == [
        ("api_token_created", rightsholder_user.pk),
        ("api_token_revoked", rightsholder_user.pk),
    ]
    assert all(f"import ({token.prefix}…)" == e.note for e in entries)


# Scoped to the owner


def test_a_user_lists_and_revokes_only_their_own_tokens(login, rightsholder_user):
    colleague = UserFactory(organisation=rightsholder_user.organisation)
    theirs = api_token_create(user=colleague, name="colleague's script")
    mine = _client_with(api_token_create(user=rightsholder_user, name="mine").key)

    listed = mine.get(TOKENS_URL)
    over_api = mine.delete(f"{TOKENS_URL}{theirs.token.pk}/")
    on_page = login(rightsholder_user).post(reverse("api:token_page_revoke", args=[theirs.token.pk]))
    page = login(rightsholder_user).get(reverse("api:token_page"))

    assert [t["name"] for t in listed.json()["results"]] == ["mine"]
    assert _refusal(over_api) == (404, [{"field": None, "code": "not_found", "message": "Not found."}])
    assert on_page.status_code == 404
    assert (
        "colleague&#x27;s script" not in page.content.decode()
        and theirs.token.prefix not in page.content.decode()
    )
    assert _client_with(theirs.key).get("/api/v1/complaints/").status_code == 200


# The admin shows no secret


@pytest.fixture
def operator_client(client) -> Client:
    operator = UserFactory(is_staff=True, is_superuser=True)
    device = TOTPDevice.objects.create(user=operator, name="app", confirmed=True)
    assert log_in(client, operator, otp_token=code_for(device)).status_code == 302
    return client


def test_the_admin_lists_and_shows_tokens_by_prefix_never_the_key(operator_client, rightsholder_user):
    issued = api_token_create(user=rightsholder_user, name="import")

    pages = [
        operator_client.get(reverse("admin:accounts_apitoken_changelist")),
        operator_client.get(reverse("admin:accounts_apitoken_change", args=[issued.token.pk])),
    ]
    add = operator_client.get(reverse("admin:accounts_apitoken_add"))

    for page in pages:
        body = page.content.decode()
        assert page.status_code == 200
        assert f"{issued.token.prefix}…" in body
        assert issued.key not in body and issued.token.digest not in body
    assert add.status_code == 403  # tokens are made by their owners


def test_the_admin_masks_a_webhook_signing_secret_and_cannot_set_one(operator_client):
    endpoint = WebhookEndpoint.objects.create(platform=PlatformFactory(), url="https://hooks.example.test/a")
    change_url = reverse("admin:webhooks_webhookendpoint_change", args=[endpoint.pk])
    secret = endpoint.secret

    pages = [
        operator_client.get(reverse("admin:webhooks_webhookendpoint_changelist")),
        operator_client.get(change_url),
    ]
    saved = operator_client.post(
        change_url,
        {"platform": endpoint.platform_id, "url": endpoint.url, "is_active": "on", "secret": "chosen"},
    )

    assert saved.status_code == 302  # saved, with the secret it had
    for page in pages:
        assert page.status_code == 200 and secret not in page.content.decode()
    assert f"{secret[:4]}…" in pages[1].content.decode()
    assert 'name="secret"' not in pages[1].content.decode()
    endpoint.refresh_from_db()
    assert endpoint.secret == secret


def test_the_admin_shows_no_totp_key(operator_client):
    device = TOTPDevice.objects.create(user=UserFactory(), name="app", confirmed=True)

    page = operator_client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    qr_code = operator_client.get(reverse("admin:otp_totp_totpdevice_config", args=[device.pk]))

    assert page.status_code == 200 and device.key not in page.content.decode()
    assert qr_code.status_code == 403


# Tokens of the previous release


PREVIOUS_RELEASE_TOKEN = """
import django
django.setup()
from django.core.management import call_command
from rest_framework.authtoken.models import Token
call_command("migrate", "authtoken", verbosity=0)
print(Token.objects.create(user_id={user_id}).key)
"""


@pytest.mark.django_db(transaction=True)
def test_a_clear_token_of_the_previous_release_keeps_working_hashed_and_its_clear_key_is_deleted(settings):
    settings.IPRGOV_API_TOKEN_TTL_DAYS = 30
    user = UserFactory(organisation=OrganisationFactory(kind=OrgKind.RIGHTSHOLDER))
    executor = MigrationExecutor(connection)
    executor.migrate([("accounts", "0003_notification_translations")])
    # The previous release, with DRF's authtoken app and its own migrations, makes the user's clear token.
    made = subprocess.run(  # noqa: S603 — this interpreter, a fixed script
        [sys.executable, "-c", PREVIOUS_RELEASE_TOKEN.format(user_id=user.pk)],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.tokens_previous_release_settings",
            "DJANGO_DEBUG": "true",
            "DATABASE_URL": worker_database_url(),
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    key = made.stdout.strip().splitlines()[-1]
    assert "authtoken_token" in connection.introspection.table_names()

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    token = ApiToken.objects.get(user=user)
    assert token.digest == hashlib.sha256(key.encode()).hexdigest() and token.prefix == key[:8]
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    assert _client_with(key).get("/api/v1/complaints/").status_code == 200
    assert "authtoken_token" not in connection.introspection.table_names()
    assert _tables_holding(key) == []
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM django_migrations WHERE app = 'authtoken'")
        assert cursor.fetchone()[0] == 0
