"""Benchmark: file 100,000 listings across 1,000 stores through bulk upload, then submit and route them.

Runs the same services the worker runs, in-process (no broker: tasks run eagerly after commit):
bulk_upload_start -> bulk_upload_process (batches of IPRGOV_BULK_BATCH_ROWS), then complaint_submit ->
complaint_route (split into 1,000 cases, route each). Prints seconds and rows per second for each phase.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/iprgov_bench DJANGO_DEBUG=true \
        .venv/bin/python manage.py migrate && \
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/iprgov_bench DJANGO_DEBUG=true \
        .venv/bin/python bench/bulk_filing.py [--rows 100000] [--stores 1000]

It writes a fresh organisation, right, platform and complaint on every run (names carry a run id), so it
can run against a database that holds other data; use a database of its own.
"""

import argparse
import csv
import io
import os
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iprgov.settings")
os.environ.pop("CELERY_BROKER_URL", None)  # tasks run in-process, right after each commit

import django  # noqa: E402

django.setup()

from django.core.files.base import ContentFile  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Membership, Organisation, OrgKind, User  # noqa: E402
from cases import receivers  # noqa: E402
from cases.models import Case  # noqa: E402
from cases.services import routing  # noqa: E402
from complaints.bulk_uploads import bulk_upload_start  # noqa: E402
from complaints.models import Complaint, InfringementType, IPRight, Listing, RightType, VerificationStatus  # noqa: E402
from complaints.services import complaint_create, complaint_submit  # noqa: E402
from platforms.models import Platform  # noqa: E402
from regions.models import Region  # noqa: E402


def world(run: str):
    holder = Organisation.objects.create(name=f"Bench holder {run}", kind=OrgKind.RIGHTSHOLDER)
    user = User.objects.create_user(username=f"bench-{run}", password=uuid.uuid4().hex)
    Membership.objects.create(user=user, organisation=holder)
    region = Region.objects.create(code=f"B{run[:10]}", name=f"Bench region {run}")
    platform = Platform.objects.create(
        organisation=Organisation.objects.create(name=f"Bench platform {run}", kind=OrgKind.PLATFORM),
        region=region,
    )
    right = IPRight.objects.create(
        owner_org=holder,
        right_type=RightType.TRADEMARK,
        registration_number=f"TM-{run}",
        title="Bench mark",
        owner_name="Bench",
        valid_from=timezone.localdate() - timedelta(days=1),
        valid_until=timezone.localdate() + timedelta(days=3650),
        certificate=ContentFile(b"%PDF-1.4 bench", name="bench.pdf"),
        verification_status=VerificationStatus.VERIFIED,
    )
    return user.__class__.objects.get(pk=user.pk), right, platform


def listings_csv(rows: int, stores: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["url", "store_ref", "store_name"])
    for n in range(rows):
        writer.writerow([f"https://shop.example.test/item/{n}", f"store-{n % stores}", f"Store {n % stores}"])
    return out.getvalue().encode()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--stores", type=int, default=1_000)
    args = parser.parse_args()
    run = uuid.uuid4().hex[:12]
    user, right, platform = world(run)
    content = listings_csv(args.rows, args.stores)
    draft = complaint_create(
        actor=user,
        right=right,
        platform=platform,
        infringement_type=InfringementType.COUNTERFEIT,
        description="Bench",
        good_faith_declared=True,
    )

    started = time.perf_counter()
    upload, _ = bulk_upload_start(
        actor=user, complaint_id=draft.pk, upload=SimpleUploadedFile("bench.csv", content)
    )
    upload.refresh_from_db()
    filed = time.perf_counter()
    # The worker's task, run here step by step (route_complaint = split, then route each case) to time both.
    receivers.enqueue_complaint_routing = lambda complaint_id: None
    complaint_submit(complaint_id=draft.pk, actor=user)
    case_ids = routing.complaint_split_into_cases(complaint_id=draft.pk)
    split = time.perf_counter()
    for case_id in case_ids:
        routing.case_route(case_id=case_id)
    routed = time.perf_counter()

    listings = Listing.objects.filter(complaint=draft).count()
    cases = Case.objects.filter(complaint=draft)
    routed_cases = cases.exclude(routed_at=None).count()
    assert upload.status == "done", upload.failure
    assert listings == args.rows and routed_cases == cases.count() == args.stores, (listings, routed_cases)
    assert Complaint.objects.get(pk=draft.pk).status == "submitted"
    file_s, route_s, total_s = filed - started, routed - filed, routed - started
    print(
        f"database: {django.db.connection.vendor}; rows: {args.rows:,}; stores (cases): {args.stores:,}; "
        f"file: {len(content) / 1e6:.1f} MB"
    )
    print(
        f"filing (upload + validate + insert, batches of {django.conf.settings.IPRGOV_BULK_BATCH_ROWS:,}): "
        f"{file_s:.1f} s = {args.rows / file_s:,.0f} rows/s"
    )
    print(
        f"routing: {route_s:.1f} s = {args.rows / route_s:,.0f} rows/s (submit + split into {args.stores:,} cases: "
        f"{split - filed:.1f} s; routing each case: {routed - split:.1f} s = {(routed - split) / args.stores * 1000:.0f} ms/case)"
    )
    print(f"total: {total_s:.1f} s = {args.rows / total_s:,.0f} rows/s")


if __name__ == "__main__":
    main()
