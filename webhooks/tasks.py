import logging

from celery import shared_task

from iprgov.enqueue import enqueue_or_leave_to_sweep
from webhooks.delivery import (
    BACKOFF_MAX_SECONDS,
    BACKOFF_SECONDS,
    DeliveryFailed,
    deliveries_due,
    webhook_deliver,
)

log = logging.getLogger(__name__)


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(DeliveryFailed,),
    retry_backoff=BACKOFF_SECONDS,
    retry_backoff_max=BACKOFF_MAX_SECONDS,
    retry_jitter=False,
    max_retries=None,  # the service gives up after IPRGOV_WEBHOOK_MAX_ATTEMPTS and stops raising
)
def deliver_webhook(self, delivery_id: int) -> None:
    if self.request.is_eager:
        # In-process (no broker): one try, never a blocking retry loop inside a web request; the
        # row keeps its next_attempt_at for the sweep and the console's replay button.
        try:
            webhook_deliver(delivery_id=delivery_id)
        except DeliveryFailed:
            pass
        return
    webhook_deliver(delivery_id=delivery_id)


@shared_task(acks_late=True)
def sweep_webhook_deliveries() -> int:
    """Periodic: send pending deliveries whose task was lost (broker down, worker killed)."""
    due = deliveries_due()
    for delivery_id in due:
        enqueue_delivery(delivery_id)
    return len(due)


def enqueue_delivery(delivery_id: int) -> None:
    """Hand a delivery to the worker; with the broker down the periodic sweep sends it later."""
    if not enqueue_or_leave_to_sweep(deliver_webhook, delivery_id):
        log.warning("Webhook delivery %s not enqueued; the sweep will send it.", delivery_id)


# Delivery
