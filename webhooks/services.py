"""Webhook events to platforms: written with the change that causes them, signed, sent and retried.

Signature: header `X-Iprgov-Signature: t=<unix seconds>,v1=<hex>` where
hex = HMAC-SHA256(endpoint secret, f"{t}.{raw body}"). The receiver recomputes it over the raw body and
refuses a timestamp older than a few minutes, so a captured request cannot be replayed later.
"""

import uuid
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import OrgKind, User
from audit.services import audit_record
from cases.models import Case
from cases.selectors import cases_visible_to
from webhooks.delivery import private_address_refusal
from webhooks.models import CaseEvent, DeliveryStatus, WebhookDelivery, WebhookEndpoint, new_secret
from webhooks.tasks import enqueue_delivery

# The outbox: events written with the change they report


def case_event_payload(
    *,
    case_id: int,
    event_type: str,
    event_id: uuid.UUID,
    case: Case | None = None,
) -> dict:
    """The event's body. `case`, when given, is the case as just saved (the case event's own), not read
    again; its store, office and complaint are read only when it does not hold them already."""
    if case is None or case.pk != case_id:
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
                # The count stored on the case (listings are frozen after submission), not counted again.
                "listing_count": case.listing_count,
            }
        },
    }


def webhook_events_for_case(
    *, case_id: int, event_type: str, platform_id: int | None = None, case: Case | None = None
) -> list[WebhookDelivery]:
    """Record the event in the feed and write one delivery of it per active endpoint of the case's
    platform (read when not given); the deliveries are sent after commit.

    Call inside the transaction of the change: the event and its deliveries commit with it or not at all.
    """
    event_id = uuid.uuid4()
    payload = case_event_payload(case_id=case_id, event_type=event_type, event_id=event_id, case=case)
    CaseEvent.objects.create(event_id=event_id, event_type=event_type, case_id=case_id, payload=payload)
    if platform_id is None and case is not None and case.pk == case_id:
        platform_id = case.platform_id
    if platform_id is None:
        platform_id = Case.objects.values_list("platform_id", flat=True).get(pk=case_id)
    endpoints = list(WebhookEndpoint.objects.filter(platform_id=platform_id, is_active=True))
    if not endpoints:
        return []
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


def webhook_events_for_cases(*, cases: list[Case], event_type: str) -> list[WebhookDelivery]:
    """webhook_events_for_case for one event on many cases (`case_events`), in a fixed number of
    statements: the events in one insert, each platform's endpoints read once, the deliveries in one
    insert. The listing count is the one the split stored on each case (a submitted complaint's listings
    never change)."""
    events = [
        CaseEvent(
            event_id=(event_id := uuid.uuid4()),
            event_type=event_type,
            case_id=case.pk,
            payload=case_event_payload(
                case_id=case.pk,
                event_type=event_type,
                event_id=event_id,
                case=case,
            ),
        )
        for case in cases
    ]
    CaseEvent.objects.bulk_create(events)
    endpoints: dict[int, list[WebhookEndpoint]] = {}
    for endpoint in WebhookEndpoint.objects.filter(
        platform_id__in={case.platform_id for case in cases}, is_active=True
    ):
        endpoints.setdefault(endpoint.platform_id, []).append(endpoint)
    deliveries = WebhookDelivery.objects.bulk_create(
        [
            WebhookDelivery(
                endpoint=endpoint,
                event_id=event.event_id,
                event_type=event_type,
                case_id=case.pk,
                payload=event.payload,
            )
            for case, event in zip(cases, events, strict=True)
            for endpoint in endpoints.get(case.platform_id, [])
        ]
    )
    for delivery in deliveries:
        transaction.on_commit(partial(enqueue_delivery, delivery.pk))
    return deliveries


def events_for_user(*, user: User) -> QuerySet[CaseEvent]:
    """The events of the cases the user's organisation sees, in the order they happened."""
    return CaseEvent.objects.filter(case_id__in=cases_visible_to(user).values("pk")).order_by("pk")


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
    if delivery.attempts >= settings.IPRGOV_WEBHOOK_MAX_ATTEMPTS:
        # Replays count as tries: a delivery is never sent more often than IPRGOV_WEBHOOK_MAX_ATTEMPTS.
        raise ValidationError(
            _("This event was already tried %(max)d times, the most an event is sent.")
            % {"max": settings.IPRGOV_WEBHOOK_MAX_ATTEMPTS},
            code="conflict",
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
