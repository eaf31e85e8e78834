"""`manage.py import_official_calendar`: load China's official holiday schedule into the working-day calendar."""

from argparse import ArgumentParser

import holidays
from django.core.management.base import BaseCommand

from enforcement.official_calendar import default_years, official_calendar_import


class Command(BaseCommand):
    help = (
        "Import China's public holidays and make-up working days (State Council schedule, from the holidays "
        "package) for the current and next year, or the years given. Rerun when a year is published (after "
        "upgrading holidays). Safe to run again; days an operator entered or edited are kept unless "
        "--overwrite is given."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "years", nargs="*", type=int, help="Years to import (default: this year and next)."
        )
        parser.add_argument(
            "--overwrite", action="store_true", help="Replace days an operator entered or edited as well."
        )

    def handle(self, *args: object, years: list[int], overwrite: bool, **options: object) -> None:
        years = years or default_years()
        result = official_calendar_import(years=years, overwrite=overwrite)
        self.stdout.write(
            self.style.SUCCESS(
                f"Official calendar {', '.join(map(str, years))} (holidays {holidays.__version__}): "
                f"{result.created} created, {result.updated} updated, {result.removed} removed, "
                f"{result.unchanged} unchanged, {result.kept_operator_edits} operator edit(s) kept."
            )
        )
        for year in result.years_without_make_up_days:
            self.stdout.write(
                self.style.WARNING(
                    f"{year}: the schedule has no make-up working days, so it is likely the statutory holidays "
                    "only: the State Council's notice for the year is not in this version of holidays. Upgrade "
                    "holidays and run this command again once it is published, or enter the days in the admin."
                )
            )
