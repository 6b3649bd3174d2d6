"""manage.py load_demo_content: the whole demo, or some of it (idempotent)."""

from django.core.management.base import BaseCommand, CommandError

from provisioning import demo_content
from provisioning.demo_translations import DATA_DIR, TranslationDataError


class Command(BaseCommand):
    help = (
        "Load the demo content: the case study catalogue, the 'day in the life' stories "
        "(fictional composites, labelled as such), the toolkits with a learning forum and the "
        "self-assessment, then the Welsh and Spanish translations. Safe to run again: only what "
        "is missing is created. Run `manage.py bootstrap_hub` first."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--only",
            action="append",
            dest="parts",
            choices=demo_content.PARTS,
            help="Load only this part; may be repeated. Default: every part, in this order: "
            + ", ".join(demo_content.PARTS)
            + ".",
        )
        parser.add_argument(
            "--language",
            action="append",
            dest="languages",
            metavar="CODE",
            help="Translations into this language only (e.g. cy); may be repeated. Default: "
            f"every file in {DATA_DIR.name}/.",
        )

    def handle(self, *args, parts=None, languages=None, **options):
        try:
            demo_content.load(self.stdout, parts=parts, languages=languages)
        except TranslationDataError as error:
            raise CommandError(
                "No translation was loaded:\n" + "\n".join(f"  {p}" for p in error.problems)
            ) from error
        except RuntimeError as error:  # a section the bootstrap makes is missing
            raise CommandError(str(error)) from error
