"""Benchmark: file 100,000 rows across 1,000 stores through bulk upload, then submit, split and route them.

The file carries every column (listing, store id, name, contact email, language, region), and among its
rows some repeat an earlier row (`--repeats`) and some are refused (`--bad`, an invalid URL), spread over
the file so that repeats fall both within a batch and across batches. Every row must be accounted for:
rows = added + duplicates + errors, every store is created with the contact its rows give, and every case
is routed.

With CELERY_BROKER_URL set, the work goes through the real broker to a real Celery worker of
`--processes` processes (2 by default) started here on the same database: the upload is read by the
worker, the submission enqueues the routing, which splits the complaint and fans the routing of its
cases out in chunks (IPRGOV_ROUTING_CHUNK_CASES) over every process. The phases are timed by watching
the database: file read, split into cases, last case routed. Without a broker the same services run
in-process, one after the other.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/iprgov_bench CELERY_BROKER_URL=redis://127.0.0.1:6379/3 \
        make bench BENCH_ARGS="--rows 100000 --stores 1000"

It writes a fresh organisation, right, platform and complaint on every run (names carry a run id), so it
can run against a database that holds other data; use a database of its own.
"""

import argparse
import csv
import io
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

import django  # noqa: E402

if __name__ == "__main__":  # run as a script; bench/scale.py imports it with Django set up already
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iprgov.settings")
    django.setup()

from django.core.files.base import ContentFile  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Membership, Organisation, OrgKind, User  # noqa: E402
from cases import receivers  # noqa: E402
from cases.models import Case  # noqa: E402
from cases.services import routing  # noqa: E402
from complaints.bulk_uploads import bulk_upload_start  # noqa: E402
from complaints.models import (  # noqa: E402
    BulkUpload,
    Complaint,
    InfringementType,
    IPRight,
    Listing,
    RightType,
    VerificationStatus,
)
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


@contextmanager
def worker(processes: int) -> Iterator[None]:
    """A Celery worker of `processes` processes on the routing and bulk queues, until the block ends."""
    log = Path(tempfile.mkstemp(prefix="bench-worker-", suffix=".log")[1])
    with log.open("wb") as out:
        proc = subprocess.Popen(  # noqa: S603 — fixed argv, our own interpreter
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "iprgov",
                "worker",
                "--queues",
                "routing,bulk,default",
                "--concurrency",
                str(processes),
                "--loglevel",
                "INFO",
                "--without-mingle",
                "--without-gossip",
            ],
            cwd=ROOT,
            env=os.environ | {"PYTHONUNBUFFERED": "1"},  # its log is read for "ready" as it is written
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(
            lambda: proc.poll() is not None or b"ready" in log.read_bytes(), timeout=60, what="worker start"
        )
        if proc.poll() is not None:
            raise SystemExit(f"the worker exited: see {log}")
        yield
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.unlink()


def wait_for(done, *, timeout: float, what: str) -> float:
    """Poll `done()` every 20 ms; the time it became true (perf_counter)."""
    deadline = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > deadline:
            raise SystemExit(f"{what}: not done after {timeout:.0f} s")
        time.sleep(0.02)
    return time.perf_counter()


def file_split_route_through_worker(user, draft, content: bytes, stores: int) -> tuple[float, float, float]:
    """Upload, submit and route through the broker and the worker; (filed, split, routed) times."""
    cases = Case.objects.filter(complaint=draft)
    upload, _ = bulk_upload_start(
        actor=user, complaint_id=draft.pk, upload=SimpleUploadedFile("bench.csv", content)
    )
    filed = wait_for(
        lambda: BulkUpload.objects.filter(pk=upload.pk, status__in=["done", "failed"]).exists(),
        timeout=600,
        what="bulk upload",
    )
    complaint_submit(complaint_id=draft.pk, actor=user)  # the routing is enqueued after this commit
    split = wait_for(
        lambda: cases.count() == stores and not Listing.objects.filter(complaint=draft, case=None).exists(),
        timeout=600,
        what="split",
    )
    routed = wait_for(
        lambda: (
            not cases.filter(status="new").exists()
            and Complaint.objects.filter(pk=draft.pk).exclude(acknowledged_at=None).exists()
        ),
        timeout=600,
        what="routing",
    )
    return filed, split, routed


def file_split_route_in_process(user, draft, content: bytes) -> tuple[float, float, float]:
    """The worker's tasks, run here step by step (split, then route each chunk) to time each."""
    bulk_upload_start(actor=user, complaint_id=draft.pk, upload=SimpleUploadedFile("bench.csv", content))
    filed = time.perf_counter()
    receivers.enqueue_complaint_routing = lambda complaint_id: None
    complaint_submit(complaint_id=draft.pk, actor=user)
    case_ids = routing.complaint_split_into_cases(complaint_id=draft.pk)
    split = time.perf_counter()
    for chunk in routing.routing_chunks(case_ids):
        routing.complaint_cases_route(complaint_id=draft.pk, case_ids=chunk)
    return filed, split, time.perf_counter()


@dataclass(frozen=True)
class BulkFigures:
    rows: int
    stores: int
    megabytes: float
    added: int
    duplicates: int
    errors: int
    how: str
    file_seconds: float
    split_seconds: float
    route_seconds: float

    @property
    def total_seconds(self) -> float:
        return self.file_seconds + self.split_seconds + self.route_seconds

    def lines(self) -> list[str]:
        settings = django.conf.settings
        return [
            f"database: {django.db.connection.vendor}; tasks: {self.how}; stores (cases): {self.stores:,}; "
            f"file: {self.megabytes:.1f} MB; routing chunks of {settings.IPRGOV_ROUTING_CHUNK_CASES}",
            f"filed: {self.file_seconds:.1f} s, rows: {self.rows:,}; added: {self.added:,}; "
            f"duplicates: {self.duplicates:,}; errors: {self.errors:,} = {self.rows / self.file_seconds:,.0f} rows/s "
            f"(upload + validate + insert, batches of {settings.IPRGOV_BULK_BATCH_ROWS:,})",
            f"split: {self.split_seconds:.1f} s (submit + stores with their contact + {self.stores:,} cases "
            "+ listings into them)",
            f"routed: {self.route_seconds:.1f} s = {self.route_seconds / self.stores * 1000:.1f} ms/case "
            "(every case routed; acknowledged)",
            f"total, upload to the last case routed: {self.total_seconds:.1f} s = "
            f"{self.rows / self.total_seconds:,.0f} rows/s",
        ]


def run(
    *, rows: int = 100_000, stores: int = 1_000, repeats: int = 50, bad: int = 35, processes: int = 2
) -> BulkFigures:
    """File `rows` rows across `stores` stores as a bulk upload, submit, split and route them (through the
    broker and a worker of `processes` processes when CELERY_BROKER_URL is set, else in-process); checks
    that every row is accounted for and every case routed, and returns the time of each phase."""
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

    if django.conf.settings.CELERY_BROKER_URL:
        with worker(processes):
            started = time.perf_counter()
            filed, split, routed = file_split_route_through_worker(user, draft, content, stores)
        how = f"real broker and worker ({processes} processes)"
    else:
        started = time.perf_counter()
        filed, split, routed = file_split_route_in_process(user, draft, content)
        how = "in-process, no broker"

    upload = BulkUpload.objects.get(complaint=draft)
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
        how=how,
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
    parser.add_argument("--processes", type=int, default=2, help="worker processes (with a broker)")
    args = parser.parse_args()
    figures = run(
        rows=args.rows, stores=args.stores, repeats=args.repeats, bad=args.bad, processes=args.processes
    )
    print("\n".join(figures.lines()))


if __name__ == "__main__":
    main()
