"""manage.py import_catalogue FILE.json [--dry-run]: load case studies and resources from JSON.

The format is documented in docs/catalogue-import.md; the work is done in casestudies.importer.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from casestudies import importer


class Command(BaseCommand):
    help = "Import case studies, resources and their taxonomy from a JSON file (see README)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to the catalogue JSON file")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="validate and report what would change, without changing anything",
        )

    def handle(self, *args, file, dry_run, **options):
        data = self.read(file)
        try:
            report = importer.run(data, dry_run=dry_run, progress=self.progress)
        except importer.CatalogueInvalid as invalid:
            for problem in invalid.problems:
                self.stderr.write(f"  {problem}")
            raise CommandError(
                f"{file}: {len(invalid.problems)} problem(s) found; nothing was imported."
            ) from None
        prefix = "Dry run, nothing changed: would be " if dry_run else ""
        if dry_run or options["verbosity"] > 1:
            for outcome in ("created", "updated"):
                for label in getattr(report, outcome):
                    self.stdout.write(f"  {outcome}: {label}")
        self.stdout.write(f"{prefix}{report.summary()}.")

    def read(self, file):
        try:
            with open(file, encoding="utf-8") as handle:
                return json.load(handle)
        except OSError as error:
            raise CommandError(f"cannot read {file}: {error.strerror}") from None
        except json.JSONDecodeError as error:
            raise CommandError(
                f"{file}, line {error.lineno}, column {error.colno}: not valid JSON ({error.msg})"
            ) from None

    def progress(self, done, total, label):
        """A one-line text progress bar on stderr, so stdout stays a clean report."""
        if not self.stderr.isatty():  # a log or `make run`: the summary line says enough
            return
        width = 30
        filled = width * done // total
        bar = "#" * filled + "-" * (width - filled)
        end = "\n" if done == total else ""
        self.stderr.write(f"\r[{bar}] {done}/{total} {label[:40]:<40}", ending=end)
        self.stderr.flush()
