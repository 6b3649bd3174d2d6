"""Benchmark data: grow a realistic catalogue to a given size (search.benchmark times it).

Used by `manage.py benchmark_search` (and `make bench`, which runs it at 1,000 and 100,000 pages).
The first ONE_BY_ONE pages are variants of the demo catalogue saved one at a time, as an editor's
would be; beyond that the catalogue is multiplied by copying them in bulk (provisioning.page_copies)
with new titles, so 100,000 pages build in minutes rather than hours. The search index is rebuilt
once at the end. Never part of the test suite: figures belong in docs/performance.md.
"""

import json
import random
import re

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from wagtail.models import Page

from casestudies.importer import Context, Writer, case_study_fields, resource_fields
from casestudies.models import CaseStudyPage, ResourcePage
from provisioning.demo_content import DEMO_CATALOGUE
from provisioning.page_copies import copy_children, copy_engine_documents, copy_index_entries
from search.engine_guard import configured_engine

# Pages saved one by one before the rest are copied (about 45 s for 1,000 on PostgreSQL): a
# benchmark at 1,000 pages measures pages made wholly as an editor makes them.
ONE_BY_ONE = 1000
# A variant's title: "<name> in <place> (<number>)"; a copy keeps the name and takes another place.
VARIANT_TITLE = re.compile(r"^(?P<name>.+) in [^()]+ \(\d+\)$")

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


def grow_catalogue(total_pages, seed=1, progress=None, one_by_one=ONE_BY_ONE, index_backend=None):
    """Add case studies and resources until the site has `total_pages` live pages, then index.

    Pages beyond the first `one_by_one` are bulk copies of the case studies and resources already
    there, two case studies to each resource. The pages saved one by one are indexed by
    update_index (only `index_backend`'s index if given, else every backend's); the copies'
    entries are copied from their sources' where the backend allows (the database index on
    PostgreSQL, a search engine's), else update_index indexes them too.
    """
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    context = Context.load()
    backends = [index_backend] if index_backend else list(settings.WAGTAILSEARCH_BACKENDS)
    with override_settings(WAGTAILSEARCH_BACKENDS=_not_auto_updating()):
        _save_variants(min(total_pages, one_by_one), context, rng, progress)
        for name in backends:
            call_command("update_index", backend_name=name, verbosity=0)
        pairs = _copy_variants(total_pages - Page.objects.live().count(), context, rng)
        for name in backends if pairs else []:
            engine = configured_engine(name)
            if engine is not None:
                copy_engine_documents(pairs, engine)
            elif connection.vendor == "postgresql":
                copy_index_entries(pairs)
            else:
                call_command("update_index", backend_name=name, verbosity=0)
    return Page.objects.live().count()


def _copy_variants(needed, context, rng):
    """Copy the catalogue's pages until `needed` more are live, two case studies to a resource.

    Returns [(source id, copy id)].
    """
    if needed <= 0:
        return []

    def name(title, page_id):
        match = VARIANT_TITLE.match(title)
        base = match["name"] if match else title
        return f"{base} in {rng.choice(PLACES)} ({page_id})", f"bench-copy-{page_id}"

    resources = needed // 3
    pairs = []
    for index, model, count in (
        (context.case_study_index, CaseStudyPage, needed - resources),
        (context.resource_index, ResourcePage, resources),
    ):
        sources = model.objects.child_of(index).live().order_by("path")
        pairs += copy_children(index, sources, count, name)
    return pairs


def _save_variants(total_pages, context, rng, progress):
    """Save variants of the demo catalogue one by one until the site has `total_pages` live."""
    demo = json.loads(DEMO_CATALOGUE.read_text(encoding="utf-8"))
    writer = Writer(context, [])
    writer.load_terms()
    needed = total_pages - Page.objects.live().count()
    first = Page.objects.count()  # numbers (and slugs) continue from any earlier run
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
