"""Turn a finished "Share your story" form into a draft story waiting for a moderator."""

import io
import secrets

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.models import Collection

from hub.models import LifeFactor
from stories.models import ConsentRecord, StoryPage
from stories.references import create_reference
from stories.uploads import picture_bytes, picture_extension
from stories.workflow import story_workflow

STORIES_COLLECTION = "Stories"


def stories_collection():
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=STORIES_COLLECTION).first() or root


def save_picture(stored, collection):
    """A Wagtail image from an already cleaned picture. Its title says nothing about anyone."""
    image_model = get_image_model()
    name = f"story-{secrets.token_hex(8)}.{picture_extension(stored)}"
    image = image_model(
        title=_("Picture from a shared story"),
        collection=collection,
        file=ImageFile(io.BytesIO(picture_bytes(stored)), name=name),
    )
    image.save()
    return image


@transaction.atomic
def create_story(index_page, data):
    """Create the draft, its consent and private reference, and submit it for review.

    Returns the private token, which is never stored (only its hash is).
    """
    about, matters, consent = data["about"], data.get("matters", {}), data["consent"]
    use_first_name = about.get("name_choice") == "first_name"
    name = about["first_name"] if use_first_name else about["pseudonym"]
    title = about.get("title", "").strip() or _("A day in the life of %(name)s") % {"name": name}

    collection = stories_collection()
    moments = []
    for moment in data["day"]["moments"]:
        if not (moment.get("time_of_day") or moment.get("what_happens")):
            continue
        picture = moment.get("picture")
        moments.append(
            (
                "moment",
                {
                    "time_of_day": moment["time_of_day"],
                    "what_happens": moment["what_happens"],
                    "image": save_picture(picture, collection) if picture else None,
                    "image_alt": moment.get("picture_alt", "") if picture else "",
                },
            )
        )

    story = StoryPage(
        title=title[:255],
        # A random slug: the address of a story must not give away the name in it.
        slug=f"story-{secrets.token_hex(5)}",
        owner=None,
        live=False,
        pseudonym="" if use_first_name else about["pseudonym"],
        use_first_name=use_first_name,
        first_name=about.get("first_name", "") if use_first_name else "",
        about_me=about["about_me"],
        region=about["region"],
        setting=about["setting"],
        voice=about["voice"],
        day=moments,
        passions=matters.get("passions", ""),
        hopes=matters.get("hopes", ""),
        what_helps=matters.get("what_helps", ""),
        what_gets_in_the_way=matters.get("what_gets_in_the_way", ""),
        content_notes=matters.get("content_notes", []),
    )
    index_page.add_child(instance=story)
    chosen = set(matters.get("life_factors", []))
    # The same terms the form offered: untranslated ones in the default language.
    story.life_factors.set(
        [factor for factor in LifeFactor.in_language(index_page.locale_id) if factor.key in chosen]
    )
    story.save()
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
