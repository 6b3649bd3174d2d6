"""Turn a finished "Share your story" form into a draft story waiting for a moderator."""

import io
import secrets

from django.core.exceptions import PermissionDenied
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.models import Collection, WorkflowState

from hub.models import LifeFactor
from stories import holding
from stories.models import ConsentRecord, StoryPage
from stories.references import create_reference
from stories.uploads import ALLOWED_FORMATS
from stories.workflow import story_workflow

STORIES_COLLECTION = "Stories"


def stories_collection():
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=STORIES_COLLECTION).first() or root


def save_picture(key, collection):
    """A Wagtail image from a held, already cleaned picture; None if it has expired.

    Its title says nothing about anyone. The held copy is deleted once the story is saved.
    """
    picture = holding.held(key)
    if picture is None:
        return None
    image_model = get_image_model()
    name = f"story-{secrets.token_hex(8)}.{ALLOWED_FORMATS[picture.picture_format][1]}"
    image = image_model(
        title=_("Picture from a shared story"),
        collection=collection,
        file=ImageFile(io.BytesIO(holding.read(picture)), name=name),
    )
    image.save()
    transaction.on_commit(lambda: holding.discard([key]))
    return image


def day_blocks(moments, collection):
    """The story's day from the form's moments; pictures from the holding area become images."""
    image_model = get_image_model()
    blocks = []
    for moment in moments:
        if not (moment.get("time_of_day") or moment.get("what_happens")):
            continue
        picture = moment.get("picture")
        if isinstance(picture, dict):  # a picture the story already had, kept as it was
            image = image_model.objects.filter(pk=picture.get("image")).first()
        else:
            image = save_picture(picture, collection) if picture else None
        blocks.append(
            (
                "moment",
                {
                    "time_of_day": moment["time_of_day"],
                    "what_happens": moment["what_happens"],
                    "image": image,
                    "image_alt": moment.get("picture_alt", "") if image else "",
                },
            )
        )
    return blocks


def fill_story(story, about, matters, moments):
    """Copy the form's answers onto a story (new, or the latest revision of one)."""
    use_first_name = about.get("name_choice") == "first_name"
    name = about["first_name"] if use_first_name else about["pseudonym"]
    title = about.get("title", "").strip() or _("A day in the life of %(name)s") % {"name": name}
    story.title = title[:255]
    story.pseudonym = "" if use_first_name else about["pseudonym"]
    story.use_first_name = use_first_name
    story.first_name = about.get("first_name", "") if use_first_name else ""
    story.about_me = about["about_me"]
    story.region = about["region"]
    story.setting = about["setting"]
    story.voice = about["voice"]
    story.day = day_blocks(moments, stories_collection())
    story.passions = matters.get("passions", "")
    story.hopes = matters.get("hopes", "")
    story.what_helps = matters.get("what_helps", "")
    story.what_gets_in_the_way = matters.get("what_gets_in_the_way", "")
    story.content_notes = matters.get("content_notes", [])


def chosen_factors(index_page, matters):
    """The same terms the form offered: untranslated ones in the default language."""
    chosen = set(matters.get("life_factors", []))
    return [
        factor for factor in LifeFactor.in_language(index_page.locale_id) if factor.key in chosen
    ]


@transaction.atomic
def create_story(index_page, data):
    """Create the draft, its consent and private reference, and submit it for review.

    Returns the private token, which is never stored (only its hash is).
    """
    matters, consent = data.get("matters", {}), data["consent"]
    story = StoryPage(
        # A random slug: the address of a story must not give away the name in it.
        slug=f"story-{secrets.token_hex(5)}",
        owner=None,
        live=False,
    )
    fill_story(story, data["about"], matters, data["day"]["moments"])
    # Set before the first save, which stores them with the page: every save re-indexes it.
    story.life_factors = chosen_factors(index_page, matters)
    index_page.add_child(instance=story)
    ConsentRecord.objects.create(
        story=story,
        publish_on_web=consent.get("publish_on_web") is True,
        translate=consent.get("translate") is True,
        quote_elsewhere=consent.get("quote_elsewhere") is True,
        how_given=consent["how_given"],
    )
    story.save_revision(user=None, log_action=True)
    story_workflow().start(story, user=None)
    return create_reference(story)


@transaction.atomic
def resubmit_story(story, index_page, about, matters, moments):
    """Save the contributor's changes as a new revision and resume the same review workflow."""
    workflow_state = story.current_workflow_state
    if workflow_state is None or workflow_state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        raise PermissionDenied
    page = story.get_latest_revision_as_object()
    fill_story(page, about, matters, moments)
    page.life_factors = chosen_factors(index_page, matters)
    if not page.live:
        page.save()  # as Wagtail's editor does: a draft's row follows its latest revision
    page.save_revision(user=None, log_action=True)
    workflow_state.resume(user=None)
    return page
