"""Bulk uploads that no worker is reading: what the periodic sweep and the watchdog do with them.

* An upload still queued IPRGOV_BULK_SWEEP_GRACE after it was queued never reached a worker (the broker
  was down when it was posted, or lost its message): it is enqueued again.
* An upload running with no heartbeat for IPRGOV_BULK_STALE_AFTER lost its worker (killed, out of memory,
  cut off from the database): it is queued again and resumes after its last committed batch, or, once it
  has been started IPRGOV_BULK_MAX_ATTEMPTS times, fails with the reason.

Each change is a conditional update on the state that was seen, so a worker that beats its heartbeat
meanwhile keeps its upload. The caller enqueues what this returns (complaints.tasks.sweep_bulk_uploads).
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints.bulk import stale_heartbeat
from complaints.models import BulkUpload, BulkUploadStatus

log = logging.getLogger(__name__)


@dataclass
class Recovery:
    started: list[int] = field(default_factory=list)  # queued, never picked up: to enqueue
    resumed: list[int] = field(default_factory=list)  # worker gone: to enqueue
    failed: list[int] = field(default_factory=list)  # worker gone too often: given up

    @property
    def to_enqueue(self) -> list[int]:
        return self.started + self.resumed


def bulk_uploads_recover(*, now: datetime | None = None) -> Recovery:
    """Queue again what no worker holds and give up what failed too often; the caller enqueues
    `to_enqueue`. Running it twice at once does what running it once does."""
    now = now or timezone.now()
    recovery = Recovery()
    never_started = Q(status=BulkUploadStatus.QUEUED, heartbeat_at__lt=now - settings.IPRGOV_BULK_SWEEP_GRACE)
    for upload_id in BulkUpload.objects.filter(never_started).values_list("pk", flat=True):
        # Queued "now" again, so the next sweep waits another grace period for this message.
        if BulkUpload.objects.filter(never_started, pk=upload_id).update(heartbeat_at=now):
            recovery.started.append(upload_id)
    abandoned = Q(status=BulkUploadStatus.RUNNING) & stale_heartbeat(now)
    for upload_id, attempts in BulkUpload.objects.filter(abandoned).values_list("pk", "attempts"):
        if attempts >= settings.IPRGOV_BULK_MAX_ATTEMPTS:
            if BulkUpload.objects.filter(abandoned, pk=upload_id).update(
                status=BulkUploadStatus.FAILED, failure=_gave_up(attempts), finished_at=now
            ):
                log.warning("Bulk upload %s given up after %d starts without finishing.", upload_id, attempts)
                recovery.failed.append(upload_id)
        elif BulkUpload.objects.filter(abandoned, pk=upload_id).update(
            status=BulkUploadStatus.QUEUED, heartbeat_at=now
        ):
            log.warning("Bulk upload %s lost its worker; queued again to resume.", upload_id)
            recovery.resumed.append(upload_id)
    return recovery


def _gave_up(attempts: int) -> str:
    return _(
        "Reading the file stopped before the end %(attempts)d times (the worker reading it was stopped or "
        "lost its connection), so it was given up. The listings already added are kept; start it again "
        "to read the rest."
    ) % {"attempts": attempts}
