"""Benchmark of the periodic work and the bulk decision alone: no servers, no daily figures rebuilt.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/iprgov_bench .venv/bin/python bench/periodic.py --cases 100000

Makes a fresh database next to the one DATABASE_URL names (`<name>_periodic`), loads the world as
bench/scale.py does (bench/world.py), times the routing sweep, the deadline job and its penalty step once
about 10,000 closed cases exist and again after the whole load (bench/phases.py `sweep_measure`), then
the 200-case bulk decision (`bulk_decision_measure`), prints the figures and drops the database.
"""

import argparse
import os
import secrets
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.database import FreshDatabase  # noqa: E402 — needs the path above


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=int, default=100_000, help="cases to load")
    args = parser.parse_args()
    database = FreshDatabase(
        os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/iprgov_bench"), "_periodic"
    )
    database.create()
    os.environ.pop("CELERY_BROKER_URL", None)
    os.environ.update(
        DATABASE_URL=database.url,
        DJANGO_SETTINGS_MODULE="iprgov.settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_DEBUG="true",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
    )
    try:
        import django

        django.setup()
        from bench.run import periodic_run

        periodic_run(cases=args.cases)
    finally:
        from django.db import connections

        connections.close_all()
        database.drop()


if __name__ == "__main__":
    main()
