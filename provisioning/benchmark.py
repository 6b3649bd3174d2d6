"""Benchmark data: grow a realistic catalogue to a given size (search.benchmark times it).

Used by `manage.py benchmark_search` (and `make bench`, which runs it at 1,000 and 20,000 pages on
SQLite and PostgreSQL). Never part of the test suite: figures belong in docs/performance.md.
"""

import json
import random

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from wagtail.models import Page

from casestudies.importer import Context, Writer, case_study_fields, resource_fields
from casestudies.models import CaseStudyPage, ResourcePage
from provisioning.demo_content import DEMO_CATALOGUE

PLACES = [
    "Aberdeen", "Bangor", "Barnsley", "Belfast", "Brighton", "Bristol", "Cardiff", "Carlisle",
    "Derry", "Dundee", "Exeter", "Gateshead", "Hull", "Inverness", "Lambeth", "Leeds", "Lincoln",
    "Luton", "Merthyr Tydfil", "Newport", "Norwich", "Oldham", "Plymouth", "Preston", "Salford",
    "Sheffield", "Stirling", "Swansea", "Truro", "Wrexham",
]  # fmt: skip


def _variant(record, number, rng):
    """A plausible new record from a demo one: another place, reordered text, nudged ratings."""
    place = rng.choice(PLACES)
    record = json.loads(json.dumps(record))
    record["title"] = f"{record.get('short_name') or record['title']} in {place} ({number})"
    record["slug"] = f"bench-{number}"
    if "summary" in record:
        sentences = record["summary"].split(". ")
        rng.shuffle(sentences)
        record["summary"] = f"A service in {place}. " + ". ".join(sentences)
        record["location"] = place
        record["principles"] = {
            key: max(0, min(3, value + rng.choice((-1, 0, 0, 1))))
            for key, value in record["principles"].items()
        }
        record["see_also"] = []
    else:
        record["related_case_studies"] = []
    return record


def _not_auto_updating():
    """Search backend settings with automatic indexing off: the index is rebuilt once at the end."""
    return {
        name: {**backend, "AUTO_UPDATE": False}
        for name, backend in settings.WAGTAILSEARCH_BACKENDS.items()
    }


def grow_catalogue(total_pages, seed=1, progress=None):
    """Add case studies and resources until the site has `total_pages` live pages, then index."""
    demo = json.loads(DEMO_CATALOGUE.read_text(encoding="utf-8"))
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    context = Context.load()
    writer = Writer(context, [])
    writer.load_terms()
    needed = total_pages - Page.objects.live().count()
    first = Page.objects.count()  # numbers (and slugs) continue from any earlier run
    with override_settings(WAGTAILSEARCH_BACKENDS=_not_auto_updating()):
        for number in range(first, first + max(needed, 0)):
            with transaction.atomic():
                # Two case studies for each resource, as in the demo catalogue's proportions.
                if number % 3 == 2:
                    record = _variant(rng.choice(demo["resources"]), number, rng)
                    page = ResourcePage(slug=record["slug"], locale=context.locale)
                    writer.apply_resource(page, resource_fields(record), links=False)
                    parent = context.resource_index
                else:
                    record = _variant(rng.choice(demo["case_studies"]), number, rng)
                    page = CaseStudyPage(slug=record["slug"], locale=context.locale)
                    writer.apply_case_study(page, case_study_fields(record), links=False)
                    parent = context.case_study_index
                parent.add_child(instance=page)
            if progress and (number - first) % 500 == 0:
                progress(number - first, needed)
    call_command("update_index", verbosity=0)
    return Page.objects.live().count()
