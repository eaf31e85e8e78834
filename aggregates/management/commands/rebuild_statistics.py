from typing import Any

from django.core.management.base import BaseCommand

from aggregates.services import statistics_rebuild


class Command(BaseCommand):
    help = "Replace the daily figures of statistics and dashboards by figures replayed from the audit trail."

    def handle(self, *args: Any, **options: Any) -> None:
        rows = statistics_rebuild()
        self.stdout.write(self.style.SUCCESS(f"{rows} daily figure rows written."))
