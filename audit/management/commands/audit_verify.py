"""Walk the audit trail's hash chain from its start and report the first broken link (exit status 1)."""

import sys

from django.core.management.base import BaseCommand

from audit.chain import chain_verify


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain and its published daily anchors; exit 1 at the first broken link."

    def handle(self, *args: object, **options: object) -> None:
        report = chain_verify()
        if report.broken is None:
            self.stdout.write(f"ok: {report.checked} entries, head {report.head_hash}")
            return
        self.stdout.write(f"BROKEN at {report.broken}")
        self.stdout.write(f"the {report.checked} entries before it verify; their head is {report.head_hash}")
        sys.exit(1)
