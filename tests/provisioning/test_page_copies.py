"""The benchmark's bulk page copier writes valid Wagtail pages: a sound tree, the source's
keywords, ratings and choices, fresh ids and keys, pages that render and are found."""

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page
from wagtail.search.models import IndexEntry

from casestudies.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    ResourceIndexPage,
    ResourcePage,
)
from provisioning.page_copies import copy_children, copy_engine_documents, copy_index_entries
from tests.casestudies.factories import (
    CaseStudyPageFactory,
    ClientGroupFactory,
    ResourcePageFactory,
)
from tests.search.test_elasticsearch_live import (  # noqa: F401 (a fixture)
    ENGINE_URL,
    engine,
    engine_titles,
    refreshed,
)

pytestmark = pytest.mark.django_db


def name(title, page_id):
    return f"{title} copy {page_id}", f"copy-{page_id}"


def keywords(page):
    return sorted(page.keywords.names())


def test_copies_are_whole_pages_in_a_sound_tree(client, section, uncached):
    catalogue, library = section(CaseStudyIndexPage), section(ResourceIndexPage)
    group = ClientGroupFactory()
    time_bank = CaseStudyPageFactory(
        parent=catalogue,
        title="Time bank",
        ratings={"networks": 3, "assets": 1},
        keywords=["time banking", "older people"],
        client_groups=[group],
    )
    CaseStudyPageFactory(parent=catalogue, title="Recovery college", keywords=["recovery"])
    ResourcePageFactory(parent=library, title="Peer support guide", keywords=["peer support"])
    sources = CaseStudyPage.objects.child_of(catalogue).order_by("path")
    pages_before = Page.objects.count()

    copied = copy_children(catalogue, sources, 5, name)
    assert len(copied) == 5
    assert len(copy_children(library, ResourcePage.objects.child_of(library), 2, name)) == 2

    assert Page.objects.count() == pages_before + 7
    assert Page.find_problems() == ([], [], [], [], [])  # paths, depths and numchild all right
    catalogue.refresh_from_db()
    assert catalogue.numchild == catalogue.get_children().count() == 7
    copies = CaseStudyPage.objects.child_of(catalogue).filter(slug__startswith="copy-")
    assert [page.title.split(" copy ")[0] for page in copies.order_by("path")] == [
        "Time bank", "Recovery college", "Time bank", "Recovery college", "Time bank",
    ]  # fmt: skip
    time_bank_copy = copies.filter(title__startswith="Time bank").first()
    assert keywords(time_bank_copy) == ["older people", "time banking"]
    assert sorted(time_bank_copy.principle_ratings.values_list("principle__key", "strength")) == [
        ("assets", 1),
        ("networks", 3),
    ]
    assert list(time_bank_copy.client_groups.all()) == [group]
    assert keywords(time_bank) == ["older people", "time banking"]  # the source keeps its own
    assert len({page.translation_key for page in CaseStudyPage.objects.all()}) == 5 + 2
    assert time_bank_copy.url_path == f"{catalogue.url_path}{time_bank_copy.slug}/"
    library_copies = ResourcePage.objects.filter(slug__startswith="copy-")
    assert [keywords(page) for page in library_copies] == [["peer support"]] * 2

    response = client.get(time_bank_copy.url)
    assert response.status_code == 200
    assert time_bank_copy.title in response.content.decode()
    listing = client.get(catalogue.url).content.decode()
    assert time_bank_copy.title in listing
    # A page added the ordinary way after the copies takes the next id and path.
    later = CaseStudyPageFactory(parent=catalogue, title="Added later")
    assert later.pk > max(page.pk for page in copies)
    assert Page.find_problems() == ([], [], [], [], [])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="index entries copied on PostgreSQL")
def test_copied_index_entries_find_the_copies(section):
    catalogue = section(CaseStudyIndexPage)
    source = CaseStudyPageFactory(parent=catalogue, title="Time bank for carers")
    call_command("update_index", backend_name="default", verbosity=0)
    entries_before = IndexEntry.objects.count()

    copy_index_entries(copy_children(catalogue, [source], 3, name))

    assert IndexEntry.objects.count() == entries_before + 3
    found = CaseStudyPage.objects.live().search("time bank carers")
    assert sorted(page.title for page in found) == sorted(
        ["Time bank for carers"]
        + [
            page.title
            for page in CaseStudyPage.objects.child_of(catalogue).filter(slug__startswith="copy-")
        ]
    )
    assert len(found) == 4


@pytest.mark.skipif(not ENGINE_URL, reason="run through scripts/with-search-engine.sh")
def test_copied_engine_documents_are_found_under_the_copies_titles(engine, section):  # noqa: F811
    catalogue = section(CaseStudyIndexPage)
    source = CaseStudyPageFactory(parent=catalogue, title="Time bank for carers in Leeds")
    engine.add(source)

    def in_bristol(title, page_id):
        return f"Time bank for carers in Bristol ({page_id})", f"copy-{page_id}"

    copies = copy_children(catalogue, [source], 2, in_bristol)
    copy_engine_documents(copies, engine)
    refreshed(engine)

    copy_titles = sorted(
        Page.objects.filter(pk__in=[c for _s, c in copies]).values_list("title", flat=True)
    )
    assert sorted(engine_titles(engine, "bristol")) == copy_titles
    assert sorted(engine_titles(engine, "time bank carers")) == sorted([source.title, *copy_titles])
