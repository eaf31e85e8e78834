"""`manage.py seed_demo`: create the demo world (idempotent) and print who can sign in where."""

from argparse import ArgumentParser

from django.core.management.base import BaseCommand

from cases.models import CaseStatus, HandlingMode
from demo.services import seed_demo


class Command(BaseCommand):
    help = (
        "Create demo regions, offices, platforms, rightsholders, users and complaints routed to all three "
        "handling modes. Safe to run again: existing demo data is kept and nothing is duplicated."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="Where the site is served, for the printed links.",
        )

    def handle(self, *args: object, base_url: str, **options: object) -> None:
        report = seed_demo(base_url=base_url)
        out = self.stdout
        created = +report.created  # drop the zero counts
        if created:
            made = ", ".join(f"{count} {what}" for what, count in sorted(created.items()))
            out.write(self.style.SUCCESS(f"Demo data created: {made}."))
        else:
            out.write("Demo data already present: nothing created.")

        out.write("\nDemo cases by handling mode:")
        for mode, status, office, count in report.cases:
            mode_label = HandlingMode(mode).label if mode else "not routed yet"
            where = f", office: {office}" if office else ""
            out.write(f"  {mode_label:<40} {count} case(s), {CaseStatus(status).label.lower()}{where}")

        base = base_url.rstrip("/")
        out.write(f"\nDemo logins (sign in at {base}/accounts/login/; passwords are for this demo only):")
        headers = ("username", "password", "organisation", "role", "open", "to see")
        rows = [(r.username, r.password, r.organisation, r.role, r.open_url, r.what) for r in report.logins]
        widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(headers)]
        for i, row in enumerate([headers, *rows]):
            out.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
            if i == 0:
                out.write("  ".join("-" * width for width in widths))
        out.write("\nRespondents have no account; each store opens its case through a signed link:")
        for number, store, url in report.respondent_links:
            out.write(f"  case {number} ({store}): {url}")
        out.write(f"\nPublic statistics, no sign-in: {base}/transparency/")
