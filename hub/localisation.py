"""What wagtail-localize translates, what it keeps in step, and taxonomy in the page's language.

The rule for every page type and snippet: narrative text, titles, summaries and labels are
translated; ratings, figures, dates, consent, links, keys, slugs, choices and images are
synchronised from the source. wagtail-localize's defaults (wagtail_localize.fields.
get_translatable_fields) already get most fields right; models list only the exceptions in
`override_translatable_fields`, built from the helpers here.

wagtail-localize copies synchronised relations as they are, so a Welsh case study would still
point at the English principles, sector and client groups and show their English names. Every
translatable page is therefore saved with those links pointed at the same terms (and pages) in its
own language where they exist (`localise_relations`, run on save). The link itself stays in step
with the source; only the language of what it points at changes.
"""

from django.db import models
from django.db.models.signals import pre_save
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, get_translatable_fields

# Every page: the slug is kept in step so /cy/... and /es/... mirror /en/... (a translator may
# still override it for one language in the translation editor).
PAGE_FIELDS = [SynchronizedField("slug")]


def page_fields(*fields):
    """The page-wide overrides plus a page type's own."""
    return [*PAGE_FIELDS, *fields]


class TranslatableStructBlockMixin:
    """A StructBlock some of whose children are data (a URL path, a figure), not words.

    wagtail-localize offers every CharBlock for translation. The children named in
    `synchronised_child_blocks` are left out and keep the source's value, which the
    StreamField's synchronisation copies.
    """

    synchronised_child_blocks = ()

    def get_translatable_segments(self, value):
        from wagtail_localize.segments.extract import StreamFieldSegmentExtractor

        extractor = StreamFieldSegmentExtractor(None, include_overridables=True)
        segments = []
        for name, block in self.child_blocks.items():
            # An optional child left empty may hold None, which has nothing to translate.
            if name not in self.synchronised_child_blocks and value.get(name) is not None:
                segments.extend(
                    segment.wrap(name) for segment in extractor.handle_block(block, value[name])
                )
        return segments

    def restore_translated_segments(self, value, segments):
        from wagtail_localize.segments.ingest import StreamFieldSegmentsWriter

        # No locales are needed: the blocks using this hold no translatable snippets, only text
        # and page links (overridable segments, restored by primary key).
        return StreamFieldSegmentsWriter(None, None, None).handle_struct_block(value, segments)


# List items stored without ids --------------------------------------------------------------
#
# wagtail-localize offers a ListBlock's items for translation only when they are stored in
# Wagtail's current format, with an id each; items saved as plain values (a StreamField value
# built from raw data keeps them so) would silently stay in the source language.


def _lists_without_ids(block, raw):
    if isinstance(block, blocks.ListBlock):
        items = raw or []
        if not all(block._item_is_in_block_format(item) for item in items):
            return True
        return any(_lists_without_ids(block.child_block, item["value"]) for item in items)
    if isinstance(block, blocks.StreamBlock):
        return any(
            _lists_without_ids(block.child_blocks[child["type"]], child.get("value"))
            for child in raw or []
            if isinstance(child, dict) and child.get("type") in block.child_blocks
        )
    if isinstance(block, blocks.StructBlock) and isinstance(raw, dict):
        return any(
            _lists_without_ids(child, raw.get(name)) for name, child in block.child_blocks.items()
        )
    return False


def store_lists_with_ids(instance):
    """Make the instance's StreamFields save their list items with ids. True if any lacked them."""
    found = False
    for field in instance._meta.concrete_fields:
        if not isinstance(field, StreamField):
            continue
        value = getattr(instance, field.attname)
        if _lists_without_ids(field.stream_block, field.get_prep_value(value)):
            found = True
            for position in range(len(value)):
                value[position]  # noqa: B018 - reading a child converts it, so it saves in full
    return found


# Relations -----------------------------------------------------------------------------------


def _translatable(model):
    return model is not None and issubclass(model, TranslatableMixin)


def _localised_ids(model, ids, locale_id):
    """{id: id of the same object in the locale}, for those of `ids` that have a translation."""
    ids = {pk for pk in ids if pk is not None}
    if not ids:
        return {}
    elsewhere = dict(
        model._default_manager.filter(pk__in=ids)
        .exclude(locale_id=locale_id)
        .values_list("translation_key", "pk")
    )
    if not elsewhere:
        return {}
    here = model._default_manager.filter(
        translation_key__in=elsewhere, locale_id=locale_id
    ).values_list("translation_key", "pk")
    return {elsewhere[key]: pk for key, pk in here}


def _foreign_keys(model):
    """The foreign keys of `model` to translatable models, other than its parent link."""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.ForeignKey)
        and not isinstance(field, ParentalKey)
        and not (isinstance(field, models.OneToOneField) and field.remote_field.parent_link)
        and _translatable(field.related_model)
    ]


def _localise_foreign_key(obj, field, locale_id):
    mapping = _localised_ids(field.related_model, [getattr(obj, field.attname)], locale_id)
    new_id = mapping.get(getattr(obj, field.attname))
    if new_id is None:
        return False
    setattr(obj, field.attname, new_id)
    return True


def localise_relations(instance):
    """Point the synchronised links of a translatable object at its own locale's versions.

    Covers foreign keys, ParentalManyToManyFields and the foreign keys of child objects (such as
    a case study's principle ratings) that wagtail-localize synchronises. A term or page not yet
    translated into the locale is left as it is. Returns True if anything changed.
    """
    locale_id = instance.locale_id
    if locale_id is None:
        return False
    changed = False
    for translatable_field in get_translatable_fields(type(instance)):
        if not isinstance(translatable_field, SynchronizedField):
            continue
        field = translatable_field.get_field(type(instance))
        if isinstance(field, ParentalManyToManyField) and _translatable(field.related_model):
            terms = list(getattr(instance, field.name).all())
            mapping = _localised_ids(field.related_model, [t.pk for t in terms], locale_id)
            if mapping:
                ids = [mapping.get(t.pk, t.pk) for t in terms]
                by_id = field.related_model._default_manager.in_bulk(ids)
                setattr(instance, field.name, [by_id[pk] for pk in ids if pk in by_id])
                changed = True
        elif isinstance(field, models.ForeignKey) and field in _foreign_keys(type(instance)):
            changed |= _localise_foreign_key(instance, field, locale_id)
        elif isinstance(field, models.ManyToOneRel) and isinstance(field.remote_field, ParentalKey):
            changed |= _localise_children(instance, field, locale_id)
    return changed


def _localise_children(instance, relation, locale_id):
    keys = _foreign_keys(relation.related_model)
    if not keys:
        return False
    children = list(getattr(instance, relation.get_accessor_name()).all())
    changed = False
    for key in keys:
        mapping = _localised_ids(
            key.related_model, [getattr(child, key.attname) for child in children], locale_id
        )
        for child in children:
            new_id = mapping.get(getattr(child, key.attname))
            if new_id is not None:
                setattr(child, key.attname, new_id)
                changed = True
    if changed:
        # Hand the changed children back to modelcluster so that saving the page commits them.
        setattr(instance, relation.get_accessor_name(), children)
    return changed


def localise_relations_before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    # A partial save (update_fields) never commits child relations, so there is nothing to do.
    if raw or update_fields is not None:
        return
    if isinstance(instance, TranslatableMixin) and isinstance(instance, ClusterableModel):
        localise_relations(instance)


def connect_signals():
    pre_save.connect(localise_relations_before_save, dispatch_uid="hub.localise_relations")
