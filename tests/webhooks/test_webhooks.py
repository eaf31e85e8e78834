import json
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from accounts.services_tokens import api_token_create
from cases.models import CaseStatus, HandlingMode
from cases.services.routing import case_route
from tests.decisions import statement_of
from tests.factories import CaseFactory, PlatformFactory, UserFactory
from webhooks import delivery as sending
from webhooks import services
from webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from webhooks.tasks import deliver_webhook

pytestmark = pytest.mark.django_db


def test_signature_verifies_and_rejects_tampering_and_old_timestamps():
    body = b'{"id":"1"}'
    header = sending.signature_header(secret="s3cret", body=body, timestamp=1_700_000_000)

    assert sending.verify_signature(secret="s3cret", header=header, body=body, now=1_700_000_100)
    assert not sending.verify_signature(secret="s3cret", header=header, body=body + b" ", now=1_700_000_100)
    assert not sending.verify_signature(secret="other", header=header, body=body, now=1_700_000_100)
    assert not sending.verify_signature(secret="s3cret", header=header, body=body, now=1_700_001_000)
    assert not sending.verify_signature(secret="s3cret", header="garbage", body=body)


def test_routing_a_case_sends_a_signed_event_to_the_platforms_endpoint(
    receiver, django_capture_on_commit_callbacks
):
    case = CaseFactory(status=CaseStatus.NEW)
    endpoint = WebhookEndpoint.objects.create(platform=case.platform, url=receiver.url)
    WebhookEndpoint.objects.create(platform=PlatformFactory(), url=receiver.url + "/other")

    with django_capture_on_commit_callbacks(execute=True):
        case_route(case_id=case.pk)

    assert len(receiver.requests) == 1
    request = receiver.requests[0]
    assert request["json"]["type"] == "case.routed"
    assert request["json"]["data"]["case"]["id"] == case.pk
    assert request["json"]["data"]["case"]["status"] == CaseStatus.AWAITING_PLATFORM
    assert sending.verify_signature(
        secret=endpoint.secret, header=request["headers"]["X-Iprgov-Signature"], body=request["body"]
    )
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (DeliveryStatus.SENT, 1, 200)
    assert request["headers"]["X-Iprgov-Delivery"] == str(delivery.event_id)


def test_routing_twice_emits_one_event(django_capture_on_commit_callbacks):
    case = CaseFactory(status=CaseStatus.NEW)
    WebhookEndpoint.objects.create(platform=case.platform, url="http://127.0.0.1:9/never")

    with django_capture_on_commit_callbacks(execute=False):
        case_route(case_id=case.pk)
        case_route(case_id=case.pk)

    assert WebhookDelivery.objects.count() == 1


def test_a_failing_endpoint_is_retried_with_exponential_backoff_then_given_up(receiver, settings):
    settings.IPRGOV_WEBHOOK_MAX_ATTEMPTS = 3
    case = CaseFactory(status=CaseStatus.AWAITING_PLATFORM, mode=HandlingMode.PLATFORM)
    WebhookEndpoint.objects.create(platform=case.platform, url=receiver.url)
    delivery = services.webhook_events_for_case(case_id=case.pk, event_type="case.routed")[0]
    receiver.answers = [500, 503, 500]

    delays = []
    for _ in range(2):
        before = timezone.now()
        with pytest.raises(sending.DeliveryFailed):
            sending.webhook_deliver(delivery_id=delivery.pk)
        delivery.refresh_from_db()
        assert delivery.next_attempt_at is not None
        delays.append(round((delivery.next_attempt_at - before).total_seconds()))
    sending.webhook_deliver(delivery_id=delivery.pk)  # the last allowed try: no exception, given up
    delivery.refresh_from_db()

    assert delays == [30, 60]
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == 3
    assert delivery.last_status_code == 500
    assert len(receiver.requests) == 3


def test_a_retry_after_failures_delivers_once(receiver):
    case = CaseFactory(status=CaseStatus.AWAITING_PLATFORM, mode=HandlingMode.PLATFORM)
    WebhookEndpoint.objects.create(platform=case.platform, url=receiver.url)
    delivery = services.webhook_events_for_case(case_id=case.pk, event_type="case.routed")[0]
    receiver.answers = [502]

    with pytest.raises(sending.DeliveryFailed):
        sending.webhook_deliver(delivery_id=delivery.pk)
    sending.webhook_deliver(delivery_id=delivery.pk)
    sending.webhook_deliver(delivery_id=delivery.pk)  # a duplicate message: already sent, nothing happens

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.attempts == 2
    assert len(receiver.requests) == 2
    # Each try is signed afresh; the event id stays the same so receivers can de-duplicate.
    assert (
        receiver.requests[0]["headers"]["X-Iprgov-Delivery"]
        == receiver.requests[1]["headers"]["X-Iprgov-Delivery"]
    )


def test_the_worker_task_retries_with_celerys_exponential_backoff(receiver):
    case = CaseFactory(status=CaseStatus.AWAITING_PLATFORM, mode=HandlingMode.PLATFORM)
    WebhookEndpoint.objects.create(platform=case.platform, url=receiver.url)
    delivery = services.webhook_events_for_case(case_id=case.pk, event_type="case.routed")[0]
    receiver.answers = [500]

    class Retried(Exception):
        pass

    with mock.patch.object(deliver_webhook, "retry", side_effect=Retried) as retry, pytest.raises(Retried):
        deliver_webhook.run(delivery.pk)

    assert retry.call_args.kwargs["countdown"] == 30
    assert isinstance(retry.call_args.kwargs["exc"], sending.DeliveryFailed)
    # Options of the task decorator, which the celery stubs do not declare on Task.
    assert deliver_webhook.retry_backoff == 30  # type: ignore[attr-defined]
    assert deliver_webhook.retry_jitter is False  # type: ignore[attr-defined]


def test_an_unreachable_endpoint_is_recorded_not_raised_in_process(django_capture_on_commit_callbacks):
    case = CaseFactory(status=CaseStatus.NEW)
    WebhookEndpoint.objects.create(platform=case.platform, url="http://127.0.0.1:9/closed")

    with django_capture_on_commit_callbacks(execute=True):
        case_route(case_id=case.pk)

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.attempts == 1
    assert "URLError" in delivery.last_error or "Connection" in delivery.last_error
    assert delivery.next_attempt_at is not None and delivery.next_attempt_at > timezone.now()


def test_the_sweep_finds_deliveries_whose_task_was_lost():
    case = CaseFactory(status=CaseStatus.AWAITING_PLATFORM, mode=HandlingMode.PLATFORM)
    WebhookEndpoint.objects.create(platform=case.platform, url="http://127.0.0.1:9/x")
    delivery = services.webhook_events_for_case(case_id=case.pk, event_type="case.routed")[0]

    assert sending.deliveries_due() == []
    assert sending.deliveries_due(now=timezone.now() + timedelta(minutes=10)) == [delivery.pk]


def test_console_lists_adds_and_replays_for_the_own_platform_only(
    login, platform_user, receiver, django_capture_on_commit_callbacks
):
    client = login(platform_user)
    response = client.post("/platform/webhooks/", {"url": receiver.url, "description": "Ops"})
    endpoint = WebhookEndpoint.objects.get()
    case = CaseFactory(
        status=CaseStatus.AWAITING_PLATFORM, mode=HandlingMode.PLATFORM, complaint__platform=endpoint.platform
    )
    delivery = services.webhook_events_for_case(case_id=case.pk, event_type="case.routed")[0]

    with django_capture_on_commit_callbacks(execute=True):
        replay = client.post(f"/platform/webhooks/deliveries/{delivery.pk}/replay/")
    page = client.get(f"/platform/webhooks/{endpoint.pk}/")
    stranger = login(UserFactory(organisation=PlatformFactory().organisation))

    assert response.status_code == 302
    assert endpoint.platform.organisation == platform_user.organisation
    assert replay.status_code == 302
    assert len(receiver.requests) == 1
    assert endpoint.secret in page.content.decode()
    assert "case.routed" in page.content.decode()
    assert stranger.get(f"/platform/webhooks/{endpoint.pk}/").status_code == 404
    assert stranger.post(f"/platform/webhooks/deliveries/{delivery.pk}/replay/").status_code == 404


def test_webhook_api_registers_endpoints_and_reads_the_log(platform_user, django_capture_on_commit_callbacks):
    from tests.api.conftest import token_client

    client = token_client(platform_user)
    created = client.post(
        "/api/v1/webhooks/endpoints/", {"url": "https://hooks.example.test/iprgov"}, format="json"
    )
    log = client.get(f"/api/v1/webhooks/endpoints/{created.json()['id']}/deliveries/")

    assert created.status_code == 201
    assert len(created.json()["secret"]) == 64
    assert log.status_code == 200 and log.json()["results"] == []


def test_payload_body_is_canonical_json():
    assert (
        sending.payload_body({"b": 1, "a": "é"})
        == json.dumps({"a": "é", "b": 1}, separators=(",", ":"), ensure_ascii=False).encode()
    )


def test_private_addresses_are_refused_unless_allowed(platform_user, receiver, settings):
    settings.IPRGOV_WEBHOOK_ALLOW_PRIVATE_HOSTS = False
    case = CaseFactory(status=CaseStatus.AWAITING_PLATFORM, mode=HandlingMode.PLATFORM)
    WebhookEndpoint.objects.create(platform=case.platform, url=receiver.url)
    delivery = services.webhook_events_for_case(case_id=case.pk, event_type="case.routed")[0]

    with pytest.raises(services.ValidationError) as refused:
        services.webhook_endpoint_create(actor=platform_user, url="http://127.0.0.1:8000/hook")
    with pytest.raises(sending.DeliveryFailed):
        sending.webhook_deliver(delivery_id=delivery.pk)

    assert refused.value.error_dict["url"][0].code == "private_address"
    delivery.refresh_from_db()
    assert "private or reserved" in delivery.last_error
    assert receiver.requests == []
    assert sending.private_address_refusal("http://[::1]/x") and sending.private_address_refusal(
        "http://169.254.169.254/"
    )


def test_each_platform_lifecycle_step_is_an_event(platform_user, django_capture_on_commit_callbacks):
    from cases.models import CaseStatus, HandlingMode
    from cases.services.decisions import listing_decide
    from tests.factories import CaseFactory
    from webhooks.models import WebhookDelivery, WebhookEndpoint

    platform = platform_user.organisation.platform
    WebhookEndpoint.objects.create(platform=platform, url="https://hooks.example.test/iprgov")
    case = CaseFactory(
        platform=platform,
        complaint__platform=platform,
        status=CaseStatus.AWAITING_PLATFORM,
        mode=HandlingMode.PLATFORM,
    )

    with django_capture_on_commit_callbacks(execute=False):
        listing_decide(
            case_id=case.pk,
            listing_ids=[case.listings.get().pk],
            actor=platform_user,
            action="take_down",
            reason_code="counterfeit",
            statement=statement_of(),
        )

    events = list(WebhookDelivery.objects.filter(case_id=case.pk).values_list("event_type", flat=True))
    assert "case.notice_forwarded" in events


def _pending_delivery() -> WebhookDelivery:
    case = CaseFactory(status=CaseStatus.AWAITING_PLATFORM, mode=HandlingMode.PLATFORM)
    WebhookEndpoint.objects.create(platform=case.platform, url="https://platform.example.test/hook")
    return services.webhook_events_for_case(case_id=case.pk, event_type="case.routed")[0]


@pytest.mark.django_db(transaction=True)
def test_the_http_request_is_sent_outside_any_transaction_and_holds_no_lock(monkeypatch):
    from django.db import connection

    monkeypatch.setattr(services, "enqueue_delivery", lambda delivery_id: None)  # this test sends it itself
    delivery = _pending_delivery()
    seen = {}

    def post(endpoint: WebhookEndpoint, sent: WebhookDelivery) -> int:
        seen["in_transaction"] = connection.in_atomic_block
        # Another worker could read and update the row meanwhile: nothing holds it.
        seen["lease_taken"] = WebhookDelivery.objects.get(pk=sent.pk).leased_until is not None
        return 204

    monkeypatch.setattr(sending, "_post", post)

    sending.webhook_deliver(delivery_id=delivery.pk)

    delivery.refresh_from_db()
    assert seen == {"in_transaction": False, "lease_taken": True}
    assert (delivery.status, delivery.attempts, delivery.leased_until) == (DeliveryStatus.SENT, 1, None)


def test_a_delivery_another_worker_holds_is_not_sent_twice_until_its_lease_lapses(monkeypatch):
    delivery = _pending_delivery()
    sent: list[int] = []

    def post(endpoint: WebhookEndpoint, d: WebhookDelivery) -> int:
        sent.append(d.pk)
        return 204

    monkeypatch.setattr(sending, "_post", post)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(leased_until=timezone.now() + timedelta(seconds=30))

    sending.webhook_deliver(delivery_id=delivery.pk)
    assert sent == []

    WebhookDelivery.objects.filter(pk=delivery.pk).update(leased_until=timezone.now() - timedelta(seconds=1))
    sending.webhook_deliver(delivery_id=delivery.pk)

    delivery.refresh_from_db()
    assert sent == [delivery.pk]
    assert delivery.status == DeliveryStatus.SENT


def test_a_delivery_is_never_replayed_past_the_most_tries_a_delivery_may_have(login, platform_user, settings):
    settings.IPRGOV_WEBHOOK_MAX_ATTEMPTS = 3
    case = CaseFactory(status=CaseStatus.AWAITING_PLATFORM, mode=HandlingMode.PLATFORM)
    endpoint = WebhookEndpoint.objects.create(
        platform=platform_user.organisation.platform, url="https://p.example.test/h"
    )
    case.platform = endpoint.platform
    case.save()
    delivery = services.webhook_events_for_case(case_id=case.pk, event_type="case.routed")[0]
    WebhookDelivery.objects.filter(pk=delivery.pk).update(attempts=3, status=DeliveryStatus.FAILED)
    client = login(platform_user)

    page = client.post(f"/platform/webhooks/deliveries/{delivery.pk}/replay/", follow=True)
    api = services.webhook_delivery_replay
    with pytest.raises(services.ValidationError) as refused:
        api(actor=platform_user, delivery_id=delivery.pk)

    token = api_token_create(user=platform_user, name="tests").key
    over_api = client.post(
        f"/api/v1/webhooks/deliveries/{delivery.pk}/replay/", HTTP_AUTHORIZATION=f"Token {token}"
    )

    delivery.refresh_from_db()
    assert "already tried 3 times" in page.content.decode()
    assert refused.value.code == "conflict"
    assert over_api.status_code == 409 and over_api.json()["errors"][0]["code"] == "conflict"
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, 3)
