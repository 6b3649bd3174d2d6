import json
import sys
import time

from django.core.management.base import BaseCommand
from django.db import connection

from provisioning.benchmark import grow_catalogue
from search.benchmark import time_pages


class Command(BaseCommand):
    help = (
        "Grow the catalogue to --pages live pages with realistic variants of the demo content, "
        "then time the search and catalogue pages. Prints JSON. For `make bench`, not for a "
        "database you care about: it adds thousands of pages."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=1000)
        parser.add_argument("--repeats", type=int, default=5)

    def handle(self, *args, pages, repeats, **options):
        started = time.perf_counter()

        def progress(done, total):
            sys.stderr.write(f"\r  generating pages: {done}/{total}")
            sys.stderr.flush()

        live = grow_catalogue(pages, progress=progress)
        # Measure on tables analysed as a running site's are (autovacuum is off in the throwaway
        # cluster scripts/with-postgres.sh starts).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        sys.stderr.write("\n")
        generated = time.perf_counter() - started
        figures = time_pages(repeats=repeats)
        self.stdout.write(
            json.dumps(
                {
                    "database": connection.vendor,
                    "live_pages": live,
                    "setup_seconds": round(generated, 1),
                    "figures": figures,
                }
            )
        )
