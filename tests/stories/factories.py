"""Real stories for tests: StoryPage under the bootstrapped Stories section, with consent."""

import io
import itertools
import random
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from stories.holding import hold
from stories.models import ConsentRecord, StoryIndexPage, StoryPage
from stories.uploads import clean_picture
from stories.workflow import story_workflow

_numbers = itertools.count(1)


def stories_index(locale_code="en"):
    return StoryIndexPage.objects.get(locale__language_code=locale_code)


def make_story(
    index=None,
    *,
    publish=False,
    consent_web=True,
    consent_translate=False,
    consent=True,
    owner=None,
    moments=None,
    **fields,
):
    """A story with one moment (or the given ones), saved as a draft revision or published."""
    number = next(_numbers)
    index = index or stories_index()
    values = {
        "title": f"Story {number}",
        "slug": f"story-{number}",
        "pseudonym": f"Teller{number}",
        "about_me": "I like gardens.",
        "day": [
            (
                "moment",
                {
                    "time_of_day": "9am",
                    "what_happens": "Breakfast.",
                    "image": None,
                    "image_alt": "",
                },
            )
        ],
    }
    if moments is not None:
        values["day"] = [("moment", moment) for moment in moments]
    values.update(fields)
    factors = values.pop("life_factors", [])
    keywords = values.pop("keywords", [])
    story = StoryPage(owner=owner, live=False, **values)
    index.add_child(instance=story)
    if factors:
        story.life_factors.set(factors)
    if keywords:
        story.keywords.set(keywords)
    story.save()
    if consent:
        ConsentRecord.objects.create(
            story=story, publish_on_web=consent_web, translate=consent_translate
        )
    revision = story.save_revision(user=owner)
    if publish:
        revision.publish()
        story.refresh_from_db()
    return story


def submit_for_review(story, user=None):
    return story_workflow().start(story, user=user)


def picture_with_gps(image_format="JPEG", size=(40, 30)):
    """An image file whose EXIF data holds a camera model and a GPS position."""
    picture = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x0110] = "SecretCam 3000"  # camera model
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}  # GPS IFD
    output = io.BytesIO()
    if image_format == "JPEG":
        picture.save(output, format="JPEG", exif=exif)
    else:
        picture.save(output, format="PNG", exif=exif)
    return output.getvalue()


def uploaded_picture(name="photo.jpg", content_type="image/jpeg", data=None):
    return SimpleUploadedFile(name, data or picture_with_gps(), content_type=content_type)


def noisy_png(size=(300, 300), seed=1):
    """A PNG that does not compress: about 3 bytes a pixel, so its size is predictable."""
    noise = random.Random(seed).randbytes(size[0] * size[1] * 3)
    output = io.BytesIO()
    Image.frombytes("RGB", size, noise).save(output, format="PNG")
    return output.getvalue()


def png_header_claiming(width, height):
    """A tiny PNG whose header claims width x height pixels (its pixel data is a stub)."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def held_picture(upload=None):
    """A picture checked and waiting in the holding area, as the story form leaves it: its key."""
    upload = upload or uploaded_picture()
    return hold(clean_picture(upload), upload.size)
