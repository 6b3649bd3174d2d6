"""Keywords in every language: a name per language for each of taggit's shared tags.

Pages in every language carry the same tags (wagtail-localize keeps them in step), and filter
URLs use the tag's slug, so a shared link filters the same way in English, Welsh and Spanish.
What changes with the language is the name shown: the tag's Keyword in that language, else the
default language's, else the tag's own name.
"""

from django.conf import settings
from django.db.models import BooleanField, ExpressionWrapper, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save
from taggit.models import Tag
from wagtail.models import Locale

from hub.models import Keyword


def _name_in(slug_ref, **locale):
    return Subquery(Keyword.objects.filter(key=OuterRef(slug_ref), **locale).values("name")[:1])


def keyword_label(locale_id, slug_field="slug", name_field="name"):
    """An expression for a query over tags (or rows pointing at them): the keyword's name in the
    locale, else in the default language, else the tag's name. No query of its own."""
    return Coalesce(
        _name_in(slug_field, locale_id=locale_id),
        _name_in(slug_field, locale__language_code=settings.LANGUAGE_CODE),
        F(name_field),
    )


def keyword_names(language_code=None, locale_id=None):
    """{slug: name} of every keyword named in a language (by code or locale) or in the default
    language, the language's names winning (one query)."""
    wanted = (
        Q(locale_id=locale_id) if locale_id is not None else Q(locale__language_code=language_code)
    )
    rows = Keyword.objects.filter(
        wanted | Q(locale__language_code=settings.LANGUAGE_CODE)
    ).annotate(wanted=ExpressionWrapper(wanted, output_field=BooleanField()))
    names = {}
    # The default language first, so the asked-for language's names overwrite it.
    for key, name, _wanted in sorted(
        rows.values_list("key", "name", "wanted"), key=lambda row: row[2]
    ):
        names[key] = name
    return names


def name_new_tags(sender, instance, created, raw=False, **kwargs):
    """Every tag gets a Keyword in the default language, for translators to translate."""
    if raw:
        return
    locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if locale is not None and instance.slug:
        Keyword.objects.get_or_create(
            key=instance.slug, locale=locale, defaults={"name": instance.name}
        )


def forget_deleted_tags(sender, instance, **kwargs):
    """A tag deleted (a withdrawn story's rare keyword can point at a person) takes its names
    in every language with it."""
    Keyword.objects.filter(key=instance.slug).delete()


def connect_signals():
    post_save.connect(name_new_tags, sender=Tag, dispatch_uid="hub.keywords.name_new_tags")
    post_delete.connect(forget_deleted_tags, sender=Tag, dispatch_uid="hub.keywords.forget")
