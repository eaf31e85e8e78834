"""Sending one delivery: signing, the address check, a claim with a lease, one HTTP try, backoff.

No database lock or transaction is held while the request is in flight.
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
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint

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
        ip = ipaddress.ip_address(str(address).split("%", 1)[0])
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
