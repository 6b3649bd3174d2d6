"""Withdrawal: the one way a story is taken back, by its contributor or by a moderator.

Everything of the story goes, in every language, in one transaction: the pages, every revision,
its pictures and their renditions (and their files), its audio, comments, workflow history, log
entries, translation sources and search-index entries. What stays is a StoryWithdrawal: a date
and who asked, nothing that could say whose story it was.

The search engine, when one is configured, never fails a withdrawal: a removal it cannot take now
(refused, timed out, or the circuit breaker open) is written to the search outbox with everything
else and sent when the engine is back (search/engine_guard.py, search/outbox.py).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from taggit.models import Tag
from wagtail.models import (
    Comment,
    ModelLogEntry,
    Page,
    PageLogEntry,
    ReferenceIndex,
    Revision,
    WorkflowState,
)
from wagtail.search.backends import get_search_backends

from stories.models import StoryPage, StoryWithdrawal

WithdrawnBy = StoryWithdrawal.By


def story_media(pages):
    """The images and documents a story's pages (in any revision) refer to."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    image_ids, document_ids = set(), set()
    for page in pages:
        versions = [page] + [revision.as_object() for revision in page_revisions(page)]
        for version in versions:
            for block in version.day:
                if block.block_type == "moment" and block.value.get("image"):
                    image_ids.add(block.value["image"].pk)
            if version.audio_id:
                document_ids.add(version.audio_id)
    images = get_image_model().objects.filter(pk__in=image_ids)
    documents = get_document_model().objects.filter(pk__in=document_ids)
    return list(images), list(documents)


def page_revisions(page):
    return Revision.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page), object_id=str(page.pk)
    )


def delete_files_after_commit(files):
    """Remove files from storage once the database agrees they are gone."""

    def remove():
        for storage, name in files:
            if name and storage.exists(name):
                storage.delete(name)

    transaction.on_commit(remove)


def delete_media(images, documents):
    files = []
    for image in images:
        for rendition in image.renditions.all():
            files.append((rendition.file.storage, rendition.file.name))
        files.append((image.file.storage, image.file.name))
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(image), object_id=str(image.pk)
        ).delete()
        remove_from_search_index(image)
        image.renditions.all().delete()
        image.delete()
    for document in documents:
        files.append((document.file.storage, document.file.name))
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(document), object_id=str(document.pk)
        ).delete()
        remove_from_search_index(document)
        document.delete()
    delete_files_after_commit(files)


def remove_from_search_index(obj):
    """Out of the database index now; out of the engine's now or, if it is down, later."""
    for backend in get_search_backends(with_auto_update=True):
        backend.delete(obj)


def delete_translation_sources(pages):
    """wagtail-localize keeps copies of a translated page's text; remove every one of them.

    Its source text (String, through the segments), what translators typed (StringTranslation,
    SegmentOverride: kept by wagtail-localize when their context goes, so deleted first), the
    rich-text templates, and the sources, translations and logs that hang off the object.
    """
    try:
        from wagtail_localize.models import (
            SegmentOverride,
            String,
            StringSegment,
            StringTranslation,
            Template,
            TemplateSegment,
            TranslatableObject,
            TranslationContext,
            TranslationSource,
        )
    except ImportError:  # pragma: no cover - wagtail-localize is installed in this project
        return
    keys = {page.translation_key for page in pages}
    objects = TranslatableObject.objects.filter(translation_key__in=keys)
    string_ids = set(
        StringSegment.objects.filter(source__object__in=objects).values_list("string_id", flat=True)
    )
    template_ids = set(
        TemplateSegment.objects.filter(source__object__in=objects).values_list(
            "template_id", flat=True
        )
    )
    # Segments protect their contexts, so: sources (with their segments, translations and logs)
    # first, then the contexts with what was typed in them, then the objects.
    TranslationSource.objects.filter(object__in=objects).delete()
    StringTranslation.objects.filter(context__object__in=objects).delete()
    SegmentOverride.objects.filter(context__object__in=objects).delete()
    TranslationContext.objects.filter(object__in=objects).delete()
    objects.delete()
    # Strings and templates are shared between sources: remove those nothing else uses any more
    # (with their translations in every other context).
    String.objects.filter(pk__in=string_ids, segments__isnull=True).delete()
    Template.objects.filter(pk__in=template_ids, segments__isnull=True).delete()


def delete_unused_tags(tag_ids):
    """Keywords only this story used: a rare keyword can point at a person."""
    for tag in Tag.objects.filter(pk__in=tag_ids):
        in_use = any(
            relation.related_model._default_manager.filter(**{relation.field.name: tag}).exists()
            for relation in Tag._meta.related_objects
        )
        if not in_use:
            tag.delete()


def optimise_sqlite_search_index():
    """SQLite's full-text index keeps deleted words in its segments until they are merged."""
    if connection.vendor != "sqlite":
        return
    from wagtail.search.models import IndexEntry

    table = f"{IndexEntry._meta.db_table}_fts"
    with connection.cursor() as cursor:
        if table in connection.introspection.table_names(cursor):
            cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")  # noqa: S608


@transaction.atomic
def withdraw_story(story, by):
    """Remove a story completely, in every locale, and record only that it happened."""
    story = StoryPage.objects.select_for_update().get(pk=story.pk)
    pages = list(StoryPage.objects.filter(translation_key=story.translation_key))
    page_ids = [page.pk for page in pages]
    images, documents = story_media(pages)
    tag_ids = set(
        Tag.objects.filter(stories_storypagetag_items__content_object__in=pages).values_list(
            "pk", flat=True
        )
    )

    for page in pages:
        if page.live:
            # Unpublish first, so page_unpublished listeners (front-end cache purges) run.
            page.unpublish(log_action=False)
    page_content_type = ContentType.objects.get_for_model(Page)
    for page in pages:
        remove_from_search_index(page)
        WorkflowState.objects.filter(
            base_content_type=page_content_type, object_id=str(page.pk)
        ).delete()
        page_revisions(page).delete()
        Comment.objects.filter(page_id=page.pk).delete()
        ReferenceIndex.objects.filter(
            base_content_type=page_content_type, object_id=str(page.pk)
        ).delete()
    delete_translation_sources(pages)
    for page in pages:
        Page.objects.get(pk=page.pk).specific.delete()
    # Last, because deleting a page writes a log entry with its title.
    PageLogEntry.objects.filter(page_id__in=page_ids).delete()
    delete_media(images, documents)
    delete_unused_tags(tag_ids)
    delete_editing_sessions(page_ids)
    optimise_sqlite_search_index()
    return StoryWithdrawal.objects.create(by=by)


def delete_editing_sessions(page_ids):
    try:
        from wagtail.admin.models import EditingSession
    except ImportError:  # pragma: no cover
        return
    EditingSession.objects.filter(
        content_type=ContentType.objects.get_for_model(Page), object_id__in=map(str, page_ids)
    ).delete()
