"""Benchmark: file 100,000 rows across 1,000 stores through bulk upload, then submit and route them.

The file carries every column (listing, store id, name, contact email, language, region), and among its
rows some repeat an earlier row (`--repeats`) and some are refused (`--bad`, an invalid URL), spread over
the file so that repeats fall both within a batch and across batches. Every row must be accounted for:
rows = added + duplicates + errors, and every store is created with the contact its rows give.

Runs the same services the worker runs, in-process (no broker: tasks run eagerly after commit):
bulk_upload_start -> bulk_upload_process (batches of IPRGOV_BULK_BATCH_ROWS), then complaint_submit ->
complaint_route (split into 1,000 cases, route each). Prints the rows, added, duplicates, errors and the
time of each phase.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/iprgov_bench DJANGO_DEBUG=true \
        .venv/bin/python manage.py migrate && \
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/iprgov_bench DJANGO_DEBUG=true \
        .venv/bin/python bench/bulk_filing.py [--rows 100000] [--stores 1000] [--repeats 50] [--bad 35]

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
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import django

if __name__ == "__main__":  # run as a script; bench/scale.py imports it with Django set up already
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iprgov.settings")
    os.environ.pop("CELERY_BROKER_URL", None)  # tasks run in-process, right after each commit
    django.setup()

from django.core.files.base import ContentFile  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Membership, Organisation, OrgKind, User  # noqa: E402 — after django.setup()
from cases import receivers  # noqa: E402
from cases.models import Case  # noqa: E402
from cases.services import routing  # noqa: E402
from complaints.bulk_uploads import bulk_upload_start  # noqa: E402
from complaints.models import Complaint, InfringementType, IPRight, Listing, RightType, VerificationStatus  # noqa: E402
from complaints.services import complaint_create, complaint_submit  # noqa: E402
from platforms.models import Platform, Store  # noqa: E402
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


def listings_csv(rows: int, stores: int, repeats: int, bad: int, region_code: str) -> bytes:
    """`rows` rows: unique listings, with `repeats` copies of earlier rows and `bad` refused rows spread
    evenly among them."""
    languages = ("en", "zh-hans")
    lines = [
        [
            f"https://shop.example.test/item/{n}",
            f"store-{n % stores}",
            f"Store {n % stores}",
            f"store-{n % stores}@sellers.example.test",
            languages[n % stores % 2],
            region_code,
        ]
        for n in range(rows - repeats - bad)
    ]
    count = repeats + bad
    step = max(len(lines) // (count + 1), 1)
    # The k-th extra row goes before row k * step of the unique ones. A repeat copies the row just before
    # it (the same batch) or one halfway back (most often an earlier batch), so it always comes after the
    # row it repeats. Inserted from the end, so that each insertion leaves the earlier positions alone.
    for k in range(count, 0, -1):
        at = min(k * step, len(lines))
        if k <= repeats:
            row = list(lines[at - 1] if k % 2 else lines[at // 2])
        else:
            row = [f"htp:/broken-{k}", f"store-{k % stores}", "", "", "", ""]
        lines.insert(at, row)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["url", "store_ref", "store_name", "store_email", "store_language", "store_region"])
    writer.writerows(lines)
    return out.getvalue().encode()


@dataclass(frozen=True)
class BulkFigures:
    rows: int
    stores: int
    megabytes: float
    added: int
    duplicates: int
    errors: int
    file_seconds: float
    split_seconds: float
    route_seconds: float

    @property
    def total_seconds(self) -> float:
        return self.file_seconds + self.split_seconds + self.route_seconds

    def lines(self) -> list[str]:
        routing = self.split_seconds + self.route_seconds
        return [
            f"database: {django.db.connection.vendor}; stores (cases): {self.stores:,}; file: {self.megabytes:.1f} MB",
            f"rows: {self.rows:,}; added: {self.added:,}; duplicates: {self.duplicates:,}; errors: {self.errors:,}; "
            f"time: {self.file_seconds:.1f} s = {self.rows / self.file_seconds:,.0f} rows/s "
            f"(upload + validate + insert, batches of {django.conf.settings.IPRGOV_BULK_BATCH_ROWS:,})",
            f"routing: {routing:.1f} s = {self.rows / routing:,.0f} rows/s (submit + split into {self.stores:,} "
            f"cases, stores with their contact: {self.split_seconds:.1f} s; routing each case: "
            f"{self.route_seconds:.1f} s = {self.route_seconds / self.stores * 1000:.0f} ms/case)",
            f"total: {self.total_seconds:.1f} s = {self.rows / self.total_seconds:,.0f} rows/s",
        ]


def run(*, rows: int = 100_000, stores: int = 1_000, repeats: int = 50, bad: int = 35) -> BulkFigures:
    """File `rows` rows across `stores` stores as a bulk upload, submit, split and route them in-process;
    checks that every row is accounted for and every case routed, and returns the time of each phase."""
    run_id = uuid.uuid4().hex[:12]
    user, right, platform = world(run_id)
    content = listings_csv(rows, stores, repeats, bad, platform.region.code)
    draft = complaint_create(
        actor=user,
        right=right,
        platform=platform,
        infringement_type=InfringementType.COUNTERFEIT,
        description="Bench",
        good_faith_declared=True,
        evidence=[
            SimpleUploadedFile("test purchase.pdf", b"%PDF-1.4 bench evidence")
        ],  # submission needs one
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
    reachable = Store.objects.filter(platform=platform).exclude(contact_email="").exclude(region=None).count()
    added, duplicates, errors = upload.added_listings, upload.duplicate_rows, upload.bad_rows
    assert upload.status == "done", upload.failure
    assert added + duplicates + errors == upload.processed_rows == rows, upload.__dict__
    assert (duplicates, errors) == (repeats, bad), (duplicates, errors)
    assert upload.row_errors.count() == duplicates + errors
    assert listings == added and routed_cases == cases.count() == stores, (listings, routed_cases)
    assert reachable == stores, reachable
    assert Complaint.objects.get(pk=draft.pk).status == "submitted"
    return BulkFigures(
        rows=rows,
        stores=stores,
        megabytes=len(content) / 1e6,
        added=added,
        duplicates=duplicates,
        errors=errors,
        file_seconds=filed - started,
        split_seconds=split - filed,
        route_seconds=routed - split,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--stores", type=int, default=1_000)
    parser.add_argument("--repeats", type=int, default=50, help="rows that repeat an earlier row")
    parser.add_argument("--bad", type=int, default=35, help="rows refused (an invalid URL)")
    args = parser.parse_args()
    figures = run(rows=args.rows, stores=args.stores, repeats=args.repeats, bad=args.bad)
    print("\n".join(figures.lines()))


if __name__ == "__main__":
    main()
