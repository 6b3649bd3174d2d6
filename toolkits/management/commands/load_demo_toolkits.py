from django.core.management.base import BaseCommand

from toolkits import demo


class Command(BaseCommand):
    help = (
        "Load demo toolkits, a learning forum with a published guide and a guide in review, "
        "and the self-assessment. Safe to run again: it only creates what is missing."
    )

    def handle(self, *args, **options):
        created = demo.load()
        if created:
            self.stdout.write("Created: " + ", ".join(created))
        else:
            self.stdout.write("Nothing to create: the demo toolkits are already loaded.")
