"""Benchmark: iprgov at national-marketplace scale, beside a floor, in one run (issue 13).

    make bench BENCH_ARGS="--cases 1000000"
    # or: DATABASE_URL=postgres://postgres@127.0.0.1:5432/iprgov_bench CELERY_BROKER_URL=redis://127.0.0.1:6379/14 \\
    #     .venv/bin/python bench/scale.py --cases 1000000

1. Makes a fresh database next to the one DATABASE_URL names (`<name>_scale`), migrates it and loads a
   world set-based (bench/world.py): `--cases` cases over every mode and status, 80% on one platform and
   about 24% in one office's docket, with their complaints, listings, audit entries and office and platform
   records, one case with 10,000 listings and 1,000 history entries, and the floor's 1,000,000-row table.
   The routing sweep is timed once about 10,000 closed cases exist and again after the whole load; the
   daily figures are rebuilt from the audit trail (and the overdue snapshot taken) after it, timed.
2. Serves the product (its own settings plus a query count per request, bench/product_settings.py) and the
   floor (a bare Django view, bench/floor/) with gunicorn, 2 sync workers each, kept database connections.
3. Drives both in interleaved rounds at 1 and 8 clients: each console page (the queue also searched and
   sorted), API list, statistics page, the register, the supervision dashboard and readiness, then the
   floor right after it; then filing through the API (create + submit) beside the floor's POST,
   with two real Celery workers routing what is filed (CELERY_BROKER_URL), and the routing latency.
4. Runs bench/bulk_filing.py's 100,000-listing filing (through a real worker when a broker is set), prints every figure and drops the database
   (`--keep` keeps it).

The API throttle is lifted for the run (IPRGOV_API_THROTTLE_USER): the figures are what the code costs.
"""

import argparse
import os
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.database import FreshDatabase  # noqa: E402 — needs the path above

CLOSED_SHARE = 0.41  # of the cases the loader makes (bench/profiles.py): for "about 10,000 closed cases"


def say(text: str) -> None:
    print(text, flush=True)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--cases", type=int, default=100_000, help="cases to load (the documented run: 1000000)"
    )
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds of every page")
    parser.add_argument(
        "--seconds", type=float, default=3.0, help="time of each measurement (at least one request)"
    )
    parser.add_argument("--bulk-rows", type=int, default=100_000, help="rows of the bulk filing (0: skip it)")
    parser.add_argument(
        "--pages",
        default="",
        metavar="TEXT",
        help="measure only the pages whose name contains TEXT (case-insensitive), e.g. queue; none: no page",
    )
    parser.add_argument(
        "--no-filing", action="store_true", help="skip the API filing and the routing latency"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database at the end")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure the world a run left (with --keep) in <name>_scale: no load",
    )
    return parser.parse_args()


def main() -> None:
    args = arguments()
    source = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/iprgov_bench")
    broker = os.environ.pop("CELERY_BROKER_URL", "")  # this process runs its own work in-process
    database = FreshDatabase(source, "_scale")
    if not args.reuse:
        database.create()
    media = tempfile.mkdtemp(prefix="iprgov-bench-media-")
    logs = tempfile.mkdtemp(prefix="iprgov-bench-logs-")
    os.environ.update(
        DATABASE_URL=database.url,
        DJANGO_SETTINGS_MODULE="iprgov.settings",
        # This process and the servers (which run with DEBUG off) share the key: the sessions made here
        # are the servers' sessions.
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_DEBUG="true",
        IPRGOV_MEDIA_ROOT=media,
        # Mail leaves the process (SMTP): outside what is measured, and not printed among the figures.
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
    )
    try:
        import django

        django.setup()
        from bench.run import scale_run

        scale_run(args=args, database_url=database.url, broker_url=broker, media_root=media, logs=Path(logs))
    finally:
        shutil.rmtree(media, ignore_errors=True)
        from django.db import connections

        connections.close_all()
        if args.keep:
            say(f"database kept: {database.url}")
        else:
            database.drop()


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    say(f"benchmark done in {time.perf_counter() - started:,.0f} s")
