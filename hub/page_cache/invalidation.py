"""Changes that can alter what a visitor sees make every cached page stale at once.

Finer rules (which listings show which page, which feeds, which search pages) would each be a
place to be wrong; a change is rare next to a view, so every change starts a new generation.
A CDN cannot be told "everything", so it is purged of the URLs a changed page shows at, in every
language: the page, its ancestors (the listings and home page) and the search pages.
"""

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_delete, post_save
from taggit.models import Tag
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from hub.page_cache import generation

DISPATCH_UID = "hub_page_cache"


def page_changed(sender, instance, **kwargs):
    """A live page saved or deleted, published, unpublished or moved."""
    if isinstance(instance, Page) and (instance.live or kwargs.get("signal") is not post_save):
        generation.bump()
        purge_frontend(instance)


def shapes_pages(model):
    """Models whose rows are shown on public pages besides pages themselves.

    Asked at each save, not once at start-up: snippets are registered by the apps' wagtail_hooks,
    after this app is ready.
    """
    return (
        model in get_snippet_models()
        or issubclass(model, (BaseSiteSetting, BaseGenericSetting, Tag, Locale, Site))
        or model in (get_image_model(), get_document_model())
        or model._meta.label == "wagtailsearchpromotions.SearchPromotion"
    )


def saved_or_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        page_changed(sender, instance, **kwargs)
    elif shapes_pages(sender):
        generation.bump()


def connect():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(page_changed, dispatch_uid=DISPATCH_UID)
    for signal in (post_save, post_delete):
        signal.connect(saved_or_deleted, dispatch_uid=DISPATCH_UID)


def listings_of_every_page():
    """Page types that list pages of every kind (the site search declares `lists_every_page`)."""
    return [
        m
        for m in apps.get_models()
        if issubclass(m, Page) and getattr(m, "lists_every_page", False)
    ]


def affected_urls(page):
    """The URLs a change to `page` shows at, in every language, for a CDN purge."""
    pages = []
    for version in Page.objects.filter(translation_key=page.translation_key):
        pages.append(version)
        pages.extend(version.get_ancestors().filter(depth__gt=1))
    if listings := listings_of_every_page():
        pages.extend(Page.objects.live().type(*listings))
    return sorted({each.get_full_url() for each in pages} - {None})


def purge_frontend(page):
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        purge_urls_from_cache(affected_urls(page))
