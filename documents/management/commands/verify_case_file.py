from django.core.management.base import BaseCommand, CommandError, CommandParser

from documents.case_file_check import case_file_problems


class Command(BaseCommand):
    help = "Check a case file (ZIP): every file against the SHA-256 and size in its manifest.json."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("zip", help="the case file to check")

    def handle(self, *args: object, **options: str) -> None:
        problems = case_file_problems(options["zip"])
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"{options['zip']}: {len(problems)} problem(s); the case file does not verify")
        self.stdout.write(self.style.SUCCESS(f"{options['zip']}: every file matches its manifest"))
