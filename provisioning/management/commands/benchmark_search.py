import json
import logging
import os
import sys
import time

from django.core.management.base import BaseCommand
from django.db import connection

from provisioning.benchmark import grow_catalogue
from search.benchmark import time_pages

# search.backends logs a warning each time the engine fails and the database answers instead.
FALLBACK_LOGGER = "search.backends"


class CountingHandler(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


class Command(BaseCommand):
    help = (
        "Grow the catalogue to --pages live pages with realistic variants of the demo content, "
        "then time the search and catalogue pages. Prints JSON. For `make bench`, not for a "
        "database you care about: it adds thousands of pages."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=1000)
        parser.add_argument("--repeats", type=int, default=5)
        parser.add_argument(
            "--index-backend",
            help="rebuild only this search backend's index (default: every backend's), e.g. "
            "`default` to index a database already grown and indexed into a search engine",
        )

    def handle(self, *args, pages, repeats, index_backend, **options):
        started = time.perf_counter()

        def progress(done, total):
            sys.stderr.write(f"\r  generating pages: {done}/{total}")
            sys.stderr.flush()

        live = grow_catalogue(pages, progress=progress, index_backend=index_backend)
        # Measure on tables vacuumed and analysed as a running site's are (autovacuum is off in
        # the throwaway cluster scripts/with-postgres.sh starts): without the visibility map a
        # vacuum keeps, every index-only scan reads the table as well.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        sys.stderr.write("\n")
        generated = time.perf_counter() - started
        fallbacks = CountingHandler()
        logging.getLogger(FALLBACK_LOGGER).addHandler(fallbacks)
        load_before = {}

        def before(page):
            load_before[page] = round(os.getloadavg()[0], 1)

        figures = time_pages(repeats=repeats, before=before)
        self.stdout.write(
            json.dumps(
                {
                    "database": connection.vendor,
                    "live_pages": live,
                    "setup_seconds": round(generated, 1),
                    "figures": figures,
                    "load_before": load_before,
                    "engine_fallbacks": fallbacks.count,
                }
            )
        )
