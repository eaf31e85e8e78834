from typing import Any

from django.core.management.base import BaseCommand

from cases.services.list_counts import case_counts_rebuild


class Command(BaseCommand):
    help = "Replace the case counts the case lists show (per platform, office and complainant) by a count of the cases."

    def handle(self, *args: Any, **options: Any) -> None:
        rows = case_counts_rebuild()
        self.stdout.write(self.style.SUCCESS(f"{rows} case count rows written."))
