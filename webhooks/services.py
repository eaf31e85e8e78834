"""Webhook events to platforms: written with the change that causes them, signed, sent and retried.

Signature: header `X-Iprgov-Signature: t=<unix seconds>,v1=<hex>` where
hex = HMAC-SHA256(endpoint secret, f"{t}.{raw body}"). The receiver recomputes it over the raw body and
refuses a timestamp older than a few minutes, so a captured request cannot be replayed later.
"""

import hashlib
import hmac
import ipaddress
import json
import logging
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import OrgKind, User
from audit.services import audit_record
from cases.models import Case
from webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint, new_secret

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Iprgov-Signature"
BACKOFF_SECONDS = 30
BACKOFF_MAX_SECONDS = 6 * 3600
TIMEOUT_SECONDS = 10


class DeliveryFailed(Exception):
    """The endpoint did not answer 2xx; the delivery is retried later."""


# Signing


def sign(*, secret: str, timestamp: int, body: bytes) -> str:
    message = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(*, secret: str, body: bytes, timestamp: int | None = None) -> str:
    t = int(time.time()) if timestamp is None else timestamp
    return f"t={t},v1={sign(secret=secret, timestamp=t, body=body)}"


def verify_signature(
    *, secret: str, header: str, body: bytes, tolerance_seconds: int = 300, now: int | None = None
) -> bool:
    """What a receiver does: parse the header, check the timestamp's age, compare in constant time."""
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        timestamp = int(parts["t"])
        given = parts["v1"]
    except (KeyError, ValueError):
        return False
    current = int(time.time()) if now is None else now
    if abs(current - timestamp) > tolerance_seconds:
        return False
    return hmac.compare_digest(given, sign(secret=secret, timestamp=timestamp, body=body))


def payload_body(payload: dict) -> bytes:
    return json.dumps(payload, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()


# Events


def case_event_payload(*, case_id: int, event_type: str, event_id: uuid.UUID) -> dict:
    case = Case.objects.select_related("store", "office__organisation", "complaint").get(pk=case_id)
    return {
        "id": str(event_id),
        "type": event_type,
        "created_at": timezone.now().isoformat(),
        "data": {
            "case": {
                "id": case.pk,
                "url": f"/api/v1/cases/{case.pk}/",
                "status": case.status,
                "mode": case.mode,
                "outcome": case.outcome,
                "deadline": case.deadline.isoformat() if case.deadline else None,
                "complaint_id": case.complaint_id,
                "infringement_type": case.complaint.infringement_type,
                "store": {
                    "id": case.store_id,
                    "external_id": case.store.external_id,
                    "name": case.store.name,
                },
                "office": case.office.name if case.office else None,
                "listing_count": case.listings.count(),
            }
        },
    }


def webhook_events_for_case(*, case_id: int, event_type: str) -> list[WebhookDelivery]:
    """Write one delivery per active endpoint of the case's platform; they are sent after commit.

    Call inside the transaction of the change: the deliveries commit with it or not at all.
    """
    platform_id = Case.objects.filter(pk=case_id).values_list("platform_id", flat=True).first()
    endpoints = list(WebhookEndpoint.objects.filter(platform_id=platform_id, is_active=True))
    if not endpoints:
        return []
    event_id = uuid.uuid4()
    payload = case_event_payload(case_id=case_id, event_type=event_type, event_id=event_id)
    deliveries = WebhookDelivery.objects.bulk_create(
        [
            WebhookDelivery(
                endpoint=e, event_id=event_id, event_type=event_type, case_id=case_id, payload=payload
            )
            for e in endpoints
        ]
    )
    for delivery in deliveries:
        transaction.on_commit(partial(enqueue_delivery, delivery.pk))
    return deliveries


def enqueue_delivery(delivery_id: int) -> None:
    """Hand a delivery to the worker; with the broker down the periodic sweep sends it later."""
    from webhooks.tasks import deliver_webhook

    try:
        deliver_webhook.delay(delivery_id)
    except Exception:  # noqa: BLE001 — any broker error; the delivery row stays pending for the sweep
        log.warning("Webhook delivery %s not enqueued; the sweep will send it.", delivery_id, exc_info=True)


# Delivery


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is a failure: a signed POST must not be re-sent somewhere else (or turned into a GET)."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def backoff_delay(attempts: int) -> timedelta:
    """Delay before the next try after `attempts` failed tries: 30 s, 60 s, 120 s ... at most 6 h."""
    return timedelta(seconds=min(BACKOFF_MAX_SECONDS, BACKOFF_SECONDS * 2 ** max(0, attempts - 1)))


def private_address_refusal(url: str) -> str:
    """Why `url` may not be called (its host resolves to a loopback, private, link-local or reserved
    address), or "" when it may. Always "" with IPRGOV_WEBHOOK_ALLOW_PRIVATE_HOSTS on (local trials, tests).

    Keeps platform staff from pointing the server at its own network (cloud metadata, the database).
    """
    if settings.IPRGOV_WEBHOOK_ALLOW_PRIVATE_HOSTS:
        return ""
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (socket.gaierror, UnicodeError, ValueError):
        return _("The host name %(host)s cannot be resolved.") % {"host": host}
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if not ip.is_global or ip.is_multicast:
            return _(
                "%(host)s resolves to a private or reserved address; webhooks go to public hosts only."
            ) % {"host": host}
    return ""


def _post(endpoint: WebhookEndpoint, delivery: WebhookDelivery) -> int:
    refusal = private_address_refusal(endpoint.url)
    if refusal:
        raise ValueError(refusal)
    body = payload_body(delivery.payload)
    request = urllib.request.Request(  # noqa: S310 — URLField allows only http(s)
        endpoint.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "iprgov-webhooks/1",
            "X-Iprgov-Event": delivery.event_type,
            "X-Iprgov-Delivery": str(delivery.event_id),
            SIGNATURE_HEADER: signature_header(secret=endpoint.secret, body=body),
        },
    )
    with _opener.open(request, timeout=TIMEOUT_SECONDS) as response:
        return int(response.status)


# A claimed delivery is this worker's for this long: longer than one HTTP try, so no second worker sends
# it meanwhile, yet short enough that a worker killed mid-send leaves it to the next try within a minute.
LEASE = timedelta(seconds=TIMEOUT_SECONDS * 3)


def _claim(delivery_id: int, now: datetime) -> WebhookDelivery | None:
    """Take the delivery for one try (a conditional UPDATE: 0 rows means another worker has it, or it is
    no longer pending). No lock is held afterwards."""
    claimed = (
        WebhookDelivery.objects.filter(pk=delivery_id, status=DeliveryStatus.PENDING)
        .filter(Q(leased_until__isnull=True) | Q(leased_until__lt=now))
        .update(leased_until=now + LEASE, attempts=F("attempts") + 1)
    )
    if not claimed:
        return None
    return WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)


def _try_send(endpoint: WebhookEndpoint, delivery: WebhookDelivery) -> tuple[int | None, str]:
    """(HTTP status, error) of one try; error is "" when the endpoint took the event."""
    if not endpoint.is_active:
        return None, _("The endpoint is switched off.")
    try:
        status_code = _post(endpoint, delivery)
    except urllib.error.HTTPError as exc:
        return exc.code, f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return None, f"{type(exc).__name__}: {exc}"[:1000]
    return status_code, "" if 200 <= status_code < 300 else f"HTTP {status_code}"


def webhook_deliver(*, delivery_id: int) -> WebhookDelivery | None:
    """Try to send one pending delivery once. Raises DeliveryFailed when a later try is due.

    The delivery is claimed with a lease, and the HTTP request is sent outside any transaction or row
    lock, so a slow endpoint holds no database resource; a delivery already sent, given up or claimed by
    another worker is returned unchanged.
    """
    now = timezone.now()
    delivery = _claim(delivery_id, now)
    if delivery is None:
        return WebhookDelivery.objects.filter(pk=delivery_id).first()
    endpoint = delivery.endpoint
    status_code, error = _try_send(endpoint, delivery)
    delivery.last_status_code = status_code
    delivery.last_error = error
    delivery.leased_until = None
    failed_again = False
    if not error:
        delivery.status = DeliveryStatus.SENT
        delivery.sent_at = timezone.now()
        delivery.next_attempt_at = None
    elif delivery.attempts >= settings.IPRGOV_WEBHOOK_MAX_ATTEMPTS or not endpoint.is_active:
        delivery.status = DeliveryStatus.FAILED
        delivery.next_attempt_at = None
    else:
        delivery.next_attempt_at = timezone.now() + backoff_delay(delivery.attempts)
        failed_again = True
    delivery.save(
        update_fields=[
            "last_status_code",
            "last_error",
            "leased_until",
            "status",
            "sent_at",
            "next_attempt_at",
        ]
    )
    if failed_again:
        raise DeliveryFailed(delivery.last_error)
    return delivery


def deliveries_due(*, now: datetime | None = None, grace: timedelta = timedelta(minutes=5)) -> list[int]:
    """Pending deliveries whose task was lost: overdue by more than `grace` (the broker was down)."""
    cutoff = (now or timezone.now()) - grace
    return list(
        WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING)
        .filter(Q(next_attempt_at__lte=cutoff) | Q(next_attempt_at__isnull=True, created_at__lte=cutoff))
        .order_by("pk")
        .values_list("pk", flat=True)[:1000]
    )


# Console: endpoints and replay, scoped to the actor's platform


def _platform_of(actor: User):
    org = actor.organisation
    if org is None or org.kind != OrgKind.PLATFORM:
        raise ValidationError(_("Only platform staff can manage webhooks."), code="forbidden")
    return org.platform


def endpoint_list_for_platform(*, user: User) -> QuerySet[WebhookEndpoint]:
    return WebhookEndpoint.objects.filter(platform__organisation=user.organisation).order_by(
        "-created_at", "-pk"
    )


def endpoint_get_for_platform(*, user: User, endpoint_id: int) -> WebhookEndpoint:
    return endpoint_list_for_platform(user=user).get(pk=endpoint_id)


def deliveries_for_endpoint(*, endpoint: WebhookEndpoint) -> QuerySet[WebhookDelivery]:
    return endpoint.deliveries.order_by("-created_at", "-pk")


@transaction.atomic
def webhook_endpoint_create(*, actor: User, url: str, description: str = "") -> WebhookEndpoint:
    platform = _platform_of(actor)
    endpoint = WebhookEndpoint(platform=platform, url=url.strip(), description=description.strip())
    endpoint.full_clean()
    refusal = private_address_refusal(endpoint.url)
    if refusal:
        raise ValidationError({"url": ValidationError(refusal, code="private_address")})
    endpoint.save()
    audit_record(actor=actor, subject=endpoint, action="webhook_endpoint_added", note=endpoint.url)
    return endpoint


@transaction.atomic
def webhook_endpoint_update(
    *, actor: User, endpoint_id: int, is_active: bool | None = None, rotate_secret: bool = False
) -> WebhookEndpoint:
    _platform_of(actor)
    endpoint = WebhookEndpoint.objects.select_for_update().get(
        pk=endpoint_id, platform__organisation=actor.organisation
    )
    if is_active is not None:
        endpoint.is_active = is_active
    if rotate_secret:
        endpoint.secret = new_secret()
    endpoint.save()
    action = (
        "webhook_secret_rotated"
        if rotate_secret
        else ("webhook_endpoint_on" if endpoint.is_active else "webhook_endpoint_off")
    )
    audit_record(actor=actor, subject=endpoint, action=action, note=endpoint.url)
    return endpoint


@transaction.atomic
def webhook_delivery_replay(*, actor: User, delivery_id: int) -> WebhookDelivery:
    """Send a delivery again, whatever its state: a new try now, re-signed with a fresh timestamp."""
    _platform_of(actor)
    delivery = WebhookDelivery.objects.select_for_update(of=("self",)).get(
        pk=delivery_id, endpoint__platform__organisation=actor.organisation
    )
    before = delivery.status
    delivery.status = DeliveryStatus.PENDING
    delivery.next_attempt_at = timezone.now()
    delivery.save()
    audit_record(
        actor=actor,
        subject=delivery,
        action="webhook_replayed",
        from_status=before,
        to_status=delivery.status,
    )
    transaction.on_commit(partial(enqueue_delivery, delivery.pk))
    return delivery
