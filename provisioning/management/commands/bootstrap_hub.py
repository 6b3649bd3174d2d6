from django.core.management.base import BaseCommand

from provisioning import bootstrap


class Command(BaseCommand):
    help = (
        "Create what the hub needs and is missing: locales, the site tree, the taxonomy, the "
        "groups and their permissions, and (in dev settings) one demo login per role. "
        "Safe to run again: it never changes or removes what exists."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-demo-logins",
            action="store_true",
            help="Do not create demo logins even where the settings allow them.",
        )

    def handle(self, *args, no_demo_logins=False, **options):
        report = bootstrap.run(demo_logins=False if no_demo_logins else None)
        if report.created:
            self.stdout.write("Created: " + ", ".join(report.created))
        else:
            self.stdout.write("Nothing to create: the hub is already set up.")
