"""A published page is indexed once more, after the rows that hang from it are saved.

Wagtail indexes a page when its own row is saved (post_save); the rows hanging from it (its
keywords, through django-modelcluster) are saved just after, so the indexes would hold the
previous keywords: in the text searched, and in the facet values the search engine counts
(hub.listing.facets.search_facet_values). Once the page is published, with everything saved,
it is indexed again, in every backend that keeps itself up to date.
"""

from modelsearch.index import insert_or_update_object
from wagtail.signals import page_published


def index_published_page(sender, instance, **kwargs):
    insert_or_update_object(instance)


def connect():
    page_published.connect(index_published_page, dispatch_uid="search.index_published_page")
