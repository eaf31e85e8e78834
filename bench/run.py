"""One scale run, phase by phase (bench/scale.py sets up Django on a fresh database and calls scale_run)."""

import argparse
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from aggregates.services import overdue_now_refresh, statistics_rebuild
from bench import phases, serve
from bench import world as loader
from bench.bulk_filing import run as bulk_run
from bench.floor.table import floor_table_create
from bench.report import (
    filing_table,
    page_table,
    say,
)
from cases.services.list_counts import case_counts_rebuild
from complaints.models import Complaint

CLIENTS = (1, 8)
# About 10,000 closed cases before the sweep is first timed (41% of the cases the loader makes are closed).
FIRST_LOAD = 24_400
WEB_WORKERS = 2
ROUTING_WORKERS = 2
BULK_STORES = 1_000


def scale_run(
    *, args: argparse.Namespace, database_url: str, broker_url: str, media_root: str, logs: Path
) -> None:
    state = "kept from an earlier run" if args.reuse else "fresh"
    say(f"database: {settings.DATABASES['default']['NAME']} ({state}); logs in {logs}")
    if args.reuse:
        world, big_case_id = loader.world_found(cases=args.cases)
        sweeps = [phases.sweep_measure()]
    else:
        world, big_case_id, sweeps = _load(args)
    say(_table_sizes())

    right, platform = phases.filing_setup(world)
    store_refs = [f"store-{n}" for n in range(*_span(world.stores_of(0)))]
    cost = phases.routing_cost(world=world, right=right, platform=platform, store_ref=store_refs[0])
    actors = phases.Actors.make(world, holder_keys=max(CLIENTS))

    common = {
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_CONN_MAX_AGE": "600",
        "IPRGOV_MEDIA_ROOT": media_root,
        "IPRGOV_API_THROTTLE_USER": "100000000/hour",
        "CELERY_BROKER_URL": broker_url,
    }
    serve.collect_static(env=serve.environment(**common), log=logs / "collectstatic.log")
    product_port, floor_port = serve.free_port(8600), 0
    started: list[serve.Process] = []
    try:
        # The routing workers start first: they are ready (and idle) by the time filing starts.
        workers = [
            serve.celery_worker(
                name=f"bench-{n}-{secrets.token_hex(3)}",
                queues=list(settings.IPRGOV_CELERY_QUEUES),
                env=serve.environment(**common, DJANGO_SETTINGS_MODULE="iprgov.settings"),
                log=logs / f"worker-{n}.log",
            )
            for n in range(ROUTING_WORKERS if broker_url else 0)
        ]
        started += workers
        product = serve.gunicorn(
            app="iprgov.wsgi:application",
            port=product_port,
            env=serve.environment(**common, DJANGO_SETTINGS_MODULE="bench.product_settings"),
            log=logs / "product.log",
            workers=WEB_WORKERS,
        )
        started.append(product)
        floor_port = serve.free_port(product_port + 1)
        floor = serve.gunicorn(
            app="django.core.wsgi:get_wsgi_application()",
            port=floor_port,
            env=serve.environment(**common, DJANGO_SETTINGS_MODULE="bench.floor.settings"),
            log=logs / "floor.log",
            workers=WEB_WORKERS,
        )
        started.append(floor)
        targets = [
            page
            for page in phases.pages(world, actors, big_case_id)
            if args.pages != "none" and args.pages.lower() in page.name.lower()
        ]
        say("warming up: one request to each page")
        phases.pages_measure(
            product_port=product_port,
            floor_port=floor_port,
            targets=targets,
            clients=(1,),
            rounds=1,
            seconds=0,
            progress=lambda line: None,
        )
        comparisons = phases.pages_measure(
            product_port=product_port,
            floor_port=floor_port,
            targets=targets,
            clients=CLIENTS,
            rounds=args.rounds,
            seconds=args.seconds,
            progress=say,
        )
        rss = {"product": serve.children_rss_mb(product.pid), "floor": serve.children_rss_mb(floor.pid)}

        routing = None
        filings: list[phases.FilingComparison] = []
        if broker_url and not args.no_filing:
            for worker in workers:
                serve.wait_until_ready(worker)
            since = Complaint.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            filings = phases.filing_measure(
                product_port=product_port,
                floor_port=floor_port,
                step=phases.filing_step(
                    keys=actors.holder_keys, right_id=right.pk, platform_id=platform.pk, store_refs=store_refs
                ),
                clients=CLIENTS,
                rounds=args.rounds,
                seconds=args.seconds,
            )
            routing = phases.routing_latency(since_id=since)
        elif not args.no_filing:
            say("CELERY_BROKER_URL is not set: no filing or routing figures (they need a real worker)")
    finally:
        for process in reversed(started):
            process.stop()
    # After the pages: it decides cases of the world they read.
    bulk_decision = phases.bulk_decision_measure(world)

    say("")
    say(f"## iprgov at {args.cases:,} cases, gunicorn {WEB_WORKERS} sync workers, {args.rounds} rounds")
    say("")
    say(
        f"{timezone.now():%Y-%m-%d %H:%M} UTC, commit {_commit()}; servers with DEBUG off, kept database "
        "connections (DATABASE_CONN_MAX_AGE=600), API throttle lifted, mail discarded; at least one request "
        f"per client and {args.seconds:g} s per measurement; p95 is over every request of every round"
    )
    say("")
    say(page_table(comparisons))
    if filings:
        say("")
        say(filing_table(filings))
    say("")
    say(
        f"- filing in-process (one listing, one store): create + submit {cost.create_submit_queries} queries; "
        f"routing it (split, route, acknowledge) {cost.route_queries} queries, {cost.route_ms:.0f} ms"
    )
    if routing is not None:
        say(
            f"- routing latency, {ROUTING_WORKERS} real workers, filing at up to {max(CLIENTS)} clients: "
            f"p50 {routing.p50_ms:,.0f} ms, p99 {routing.p99_ms:,.0f} ms; routed {routing.routed:,} of "
            f"{routing.submitted:,} submitted complaints (waited {routing.waited_seconds:.1f} s after filing)"
        )
    for line in _periodic_lines(sweeps, bulk_decision):
        say(line)
    for name, sizes in rss.items():
        say(f"- RSS of the {name}'s gunicorn workers: " + ", ".join(f"{mb:,.0f} MB" for mb in sizes))
    if args.bulk_rows:
        # Printed last: the other figures stand even if the bulk filing's own checks fail.
        stores = max(1, min(BULK_STORES, args.bulk_rows // 100))
        if broker_url:
            how, lines = "real broker and worker", _bulk_through_broker(args.bulk_rows, stores, common)
        else:
            bulk = bulk_run(rows=args.bulk_rows, stores=stores)
            how, lines = bulk.how, bulk.lines()
        say(f"- bulk filing (bench/bulk_filing.py, {how}, {args.bulk_rows:,} rows):")
        for line in lines:
            say(f"  - {line}")


def periodic_run(*, cases: int) -> None:
    """bench/periodic.py: the world loaded in two parts, the periodic work timed after each, then the
    200-case bulk decision."""
    call_command("migrate", "--no-input", verbosity=0)
    fast = _is_superuser()
    world = loader.world_create(cases=cases, fast=fast)
    first = min(cases, FIRST_LOAD) // 2 * 2
    loader.cases_load(world, first=0, count=first, fast=fast)
    loader.analyze()
    sweeps = [phases.sweep_measure()]
    say(_periodic_lines(sweeps, None)[0])
    if rest := cases // 2 * 2 - first:
        loader.cases_load(world, first=first, count=rest, fast=fast)
        loader.analyze()
        sweeps.append(phases.sweep_measure())
        say(_periodic_lines(sweeps[1:], None)[0])
    say(_periodic_lines([], phases.bulk_decision_measure(world))[0])


def _periodic_lines(sweeps: list[phases.SweepFigure], bulk: phases.BulkDecisionFigure | None) -> list[str]:
    lines = [
        f"- periodic work with {sweep.closed_cases:,} closed cases ({sweep.all_cases:,} in all): routing "
        f"sweep {sweep.seconds * 1000:,.0f} ms per run, {sweep.routed} routed; deadline job (every mode, "
        f"nothing due) {sweep.deadline_seconds * 1000:,.0f} ms; its penalty step alone "
        f"{sweep.penalty_seconds * 1000:,.1f} ms"
        for sweep in sweeps
    ]
    if bulk is not None:
        lines.append(
            f"- bulk decision (queue select-all, take down every pending listing, rolled back): {bulk.cases} "
            f"cases in {bulk.seconds * 1000:,.0f} ms, {bulk.queries} queries, {bulk.refused} refused"
        )
    return lines


def _bulk_through_broker(rows: int, stores: int, common: dict[str, str]) -> list[str]:
    """bench/bulk_filing.py in a process of its own with the broker set: this process runs its tasks
    in-process (scale.py leaves the broker out of its settings), the bulk filing through a real worker."""
    argv = [sys.executable, "bench/bulk_filing.py", "--rows", str(rows), "--stores", str(stores)]
    env = serve.environment(**common, DJANGO_SETTINGS_MODULE="iprgov.settings")
    done = subprocess.run(argv, cwd=serve.ROOT, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        return [f"failed (exit {done.returncode}): {done.stderr.strip().splitlines()[-1:]}"]
    return done.stdout.strip().splitlines()


def _load(args: argparse.Namespace) -> tuple[loader.World, int, list[phases.SweepFigure]]:
    """Migrate the fresh database and load the world, timing the sweep after the first part and at the end."""
    call_command("migrate", "--no-input", verbosity=0)
    fast = _is_superuser()

    world = loader.world_create(cases=args.cases, fast=fast)
    first = min(args.cases, FIRST_LOAD) // 2 * 2
    _, seconds = phases.timed(lambda: loader.cases_load(world, first=0, count=first, fast=fast))
    loader.analyze()
    say(f"loaded {first:,} cases in {seconds:,.1f} s")
    sweeps = [phases.sweep_measure()]
    rest = args.cases // 2 * 2 - first
    if rest:
        _, seconds = phases.timed(lambda: loader.cases_load(world, first=first, count=rest, fast=fast))
        say(f"loaded {rest:,} more cases in {seconds:,.1f} s")
    big_case_id, seconds = phases.timed(lambda: loader.big_case_load(world, fast=fast))
    say(f"loaded the case of 10,000 listings and 1,000 history entries in {seconds:,.1f} s")
    _, seconds = phases.timed(floor_table_create)
    _, analyze_seconds = phases.timed(loader.analyze)
    say(f"floor table of 1,000,000 rows in {seconds:,.1f} s; ANALYZE in {analyze_seconds:,.1f} s")
    figures, seconds = phases.timed(statistics_rebuild)
    overdue, overdue_seconds = phases.timed(overdue_now_refresh)
    # The fast load skips the triggers that keep the case lists' counts.
    counts, counts_seconds = phases.timed(case_counts_rebuild)
    say(
        f"daily figures rebuilt from the audit trail in {seconds:,.1f} s ({figures:,} rows); "
        f"overdue-now snapshot in {overdue_seconds:,.1f} s ({overdue:,} rows); "
        f"case list counts in {counts_seconds:,.1f} s ({counts:,} rows)"
    )
    if rest:
        sweeps.append(phases.sweep_measure())
    return world, big_case_id, sweeps


def _span(first_and_count: tuple[int, int]) -> tuple[int, int]:
    first, count = first_and_count
    return first, first + min(count, 1_000)


def _commit() -> str:
    argv = ["git", "rev-parse", "--short", "HEAD"]  # noqa: S607 — the git on PATH, of this checkout
    found = subprocess.run(argv, capture_output=True, text=True, cwd=serve.ROOT, check=False)  # noqa: S603
    return found.stdout.strip() or "unknown"


def _is_superuser() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        return bool(cursor.fetchone()[0])


def _table_sizes() -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reltuples::bigint FROM pg_class WHERE relkind = 'r' AND relnamespace = "
            "'public'::regnamespace AND reltuples > 1000 ORDER BY reltuples DESC"
        )
        return "rows: " + ", ".join(f"{name} {rows:,}" for name, rows in cursor.fetchall())
