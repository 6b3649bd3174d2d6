"""What the read-only API may serve: one rule for pages, and images and documents follow it.

The API is open data, read by anyone without signing in, so it serves only what every anonymous
visitor may read on the site, of the kinds of page that are the hub's content, and less where
people are concerned:

- live pages only, never a draft (the page row holds the published version; a draft of a live
  page is a revision the API never reads);
- public pages only: a members-only page (a view restriction on it or an ancestor) is left out
  even for a signed-in member, because an API response is copied on;
- stories only with consent to publication on the web (and, for a translation, to translation),
  the rule StoryPage.may_be_published applies one story at a time; a withdrawn story no longer
  exists (stories.withdrawal deletes it);
- images and documents only where a served page other than a story uses them: a story's
  pictures and audio stay on its page, and a file uploaded for a draft is never listed.

The consent record, the private reference and everything about the person who told a story are
not fields of any endpoint (api.fields lists what each kind of page shows).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, IntegerField, OuterRef, Q
from django.db.models.functions import Cast
from wagtail.api.querysets import get_public_pages_queryset
from wagtail.models import Page, ReferenceIndex

from casestudies.models import CaseStudyPage, PrinciplePage, ResourcePage
from stories.models import ConsentRecord, StoryPage
from toolkits.models import GuidePage, ToolkitPage

# The kinds of page the API serves; index pages, the home page, forms and forums are the site's
# structure, not its content.
SERVED_TYPES = (CaseStudyPage, PrinciplePage, ResourcePage, ToolkitPage, GuidePage, StoryPage)
# The kinds whose files (images, documents) the API lists.
TYPES_WITH_FILES = (CaseStudyPage, PrinciplePage, ResourcePage, ToolkitPage, GuidePage)


def publishable_stories():
    """A Q on Page fields: stories whose consent allows them on the web in their language."""
    consent = ConsentRecord.objects.filter(
        story__translation_key=OuterRef("translation_key"), publish_on_web=True
    ).filter(Q(story_id=OuterRef("pk")) | Q(translate=True))
    consented = StoryPage.objects.annotate(consented=Exists(consent)).filter(consented=True)
    return Q(pk__in=consented.values("pk"))


def served_pages(request):
    """Every page the API may serve to this request (its site, in every language)."""
    pages = get_public_pages_queryset(request).public()
    story_type = ContentType.objects.get_for_model(StoryPage)
    other_types = [ContentType.objects.get_for_model(model) for model in SERVED_TYPES]
    other_types = [content_type for content_type in other_types if content_type != story_type]
    return pages.filter(
        Q(content_type__in=other_types) | (Q(content_type=story_type) & publishable_stories())
    )


def served_files(request, model):
    """The images or documents (by `model`) that a served page other than a story uses."""
    page_types = [ContentType.objects.get_for_model(kind) for kind in TYPES_WITH_FILES]
    pages = served_pages(request).filter(content_type__in=page_types)
    used = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=pages.annotate(key=Cast("pk", CharField())).values("key"),
        to_content_type=ContentType.objects.get_for_model(model),
    ).annotate(file_id=Cast("to_object_id", IntegerField()))
    return model.objects.filter(pk__in=used.values("file_id"))
