from celery import shared_task

from webhooks.services import BACKOFF_MAX_SECONDS, BACKOFF_SECONDS, DeliveryFailed


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
    from webhooks.services import webhook_deliver

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
    from webhooks.services import deliveries_due, enqueue_delivery

    due = deliveries_due()
    for delivery_id in due:
        enqueue_delivery(delivery_id)
    return len(due)
