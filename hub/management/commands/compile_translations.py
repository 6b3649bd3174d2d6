from django.core.management.base import BaseCommand

from hub.i18n import compile_catalogues


class Command(BaseCommand):
    help = "Compile the interface translations (.po to .mo) with polib; no GNU gettext needed."

    def handle(self, *args, **options):
        compiled = compile_catalogues()
        for path in compiled:
            self.stdout.write(f"compiled {path}")
        if not compiled:
            self.stdout.write("Translations are up to date.")
