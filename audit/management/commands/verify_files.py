"""Check every stored file against the SHA-256 recorded at upload; exit 1 when any is changed, missing or
unrecorded."""

import sys
from argparse import ArgumentParser
from collections import Counter

from django.apps import apps
from django.core.management.base import BaseCommand

from iprgov.file_integrity import FileState, file_check, hashed_file_fields, record_existing_files


class Command(BaseCommand):
    help = "Verify every stored file against its recorded SHA-256: print each problem and the counts."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--record-unrecorded",
            action="store_true",
            help="First record the files that have no SHA-256 yet (rows written by code older than the records).",
        )

    def handle(self, *args: object, **options: object) -> None:
        counts: Counter[FileState] = Counter()
        for model in apps.get_models():
            fields = hashed_file_fields(model)
            if fields and options["record_unrecorded"]:
                record_existing_files(model, fields)
            for instance in model._default_manager.order_by("pk").iterator(chunk_size=500):
                for field in fields:
                    stored = getattr(instance, field)
                    if not stored:
                        continue
                    state = file_check(stored)
                    counts[state] += 1
                    if state != FileState.OK:
                        self.stdout.write(
                            f"{state}: {model._meta.label} #{instance.pk} {field} {stored.name}"
                        )
        self.stdout.write(", ".join(f"{state}: {counts[state]}" for state in FileState))
        if sum(counts.values()) != counts[FileState.OK]:
            sys.exit(1)
