"""Load the demo's Welsh and Spanish translations (idempotent). See hub.demo_translations."""

from django.core.management.base import BaseCommand, CommandError

from hub.demo_translations import DATA_DIR, TranslationDataError, data_files, load


class Command(BaseCommand):
    help = (
        "Translate the demo's home page, sections, principles, three case studies and a guide "
        "into Welsh and Spanish through wagtail-localize. Checks each file completely first and "
        "changes nothing if a string has no translation."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--language",
            action="append",
            dest="languages",
            metavar="CODE",
            help="Only this language (e.g. cy); may be repeated. Default: every file in "
            f"{DATA_DIR.name}/.",
        )

    def handle(self, *args, languages=None, **options):
        paths = data_files()
        if languages:
            paths = [path for path in paths if path.stem in languages]
            unknown = set(languages) - {path.stem for path in paths}
            if unknown:
                raise CommandError(f"No demo translations for: {', '.join(sorted(unknown))}")
        try:
            reports = load(paths)
        except TranslationDataError as error:
            raise CommandError(
                "Nothing was loaded:\n" + "\n".join(f"  {p}" for p in error.problems)
            ) from error
        for report in reports:
            self.stdout.write(str(report))
