"""Pictures in "Share your story": a pixel ceiling, a cap per story, and a private holding area."""

import io
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone
from PIL import ImageFile
from wagtail.images import get_image_model

from stories.models import HeldPicture, StoryPage
from tests.stories.factories import noisy_png, png_header_claiming, uploaded_picture
from tests.stories.test_share import ABOUT, CONSENT, DAY, MATTERS, post, send

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_holding_area():
    """Files outlive the test's rolled-back rows: each test starts with an empty folder."""
    shutil.rmtree(settings.STORY_HOLDING_ROOT, ignore_errors=True)
    yield
    shutil.rmtree(settings.STORY_HOLDING_ROOT, ignore_errors=True)


def held_files():
    root = Path(settings.STORY_HOLDING_ROOT)
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def png(data, name="p.png"):
    return uploaded_picture(name, "image/png", data)


def test_a_picture_with_too_many_pixels_is_refused_from_its_header(client, site_tree, monkeypatch):
    def decoding_is_not_allowed(self):
        raise AssertionError("the picture was decoded before its size was checked")

    # If the form decoded the pixels before the check, this would turn into another error.
    monkeypatch.setattr(ImageFile.ImageFile, "load", decoding_is_not_allowed)
    post(client, "about", ABOUT)
    bomb = png_header_claiming(13_300, 13_300)
    assert len(bomb) < 200
    data = dict(DAY, **{"moment-0-picture": png(bomb), "moment-0-picture_alt": "Big"})

    response = post(client, "day", data)

    assert response.status_code == 400
    page = response.content.decode()
    assert "This picture has too many pixels for us to open (13300 x 13300)" in page
    assert "at most 40 million pixels" in page
    assert "I check the hives" in page  # what was typed is still there
    assert not HeldPicture.objects.exists() and held_files() == []


def test_the_pixel_ceiling_is_a_setting(client, site_tree, settings):
    settings.STORY_UPLOAD_MAX_PIXELS = 30 * 30
    post(client, "about", ABOUT)
    data = dict(DAY, **{"moment-0-picture": png(noisy_png((31, 30))), "moment-0-picture_alt": "A"})
    assert b"too many pixels" in post(client, "day", data).content
    data = dict(DAY, **{"moment-0-picture": png(noisy_png((30, 30))), "moment-0-picture_alt": "A"})
    assert post(client, "day", data).status_code == 302


def test_the_pictures_of_one_story_are_capped_together(client, site_tree, settings):
    picture = noisy_png((300, 300))  # about 270 KB
    settings.STORY_DRAFT_MAX_UPLOAD_BYTES = int(len(picture) * 2.5)
    post(client, "about", ABOUT)
    first_two = {
        "moment-0-time_of_day": "6am",
        "moment-0-what_happens": "Hives",
        "moment-0-picture": png(picture),
        "moment-0-picture_alt": "Hives",
        "moment-1-time_of_day": "7am",
        "moment-1-what_happens": "Tea",
        "moment-1-picture": png(noisy_png((300, 300), seed=2)),
        "moment-1-picture_alt": "Tea",
    }
    assert post(client, "day", first_two).status_code == 302

    # A third picture, sent later, would go over the cap: refused, with the others kept.
    kept = client.session["story_share"]["day"]["moments"]
    third = {key: value for key, value in first_two.items() if not key.endswith("-picture")} | {
        "moment-2-time_of_day": "8am",
        "moment-2-what_happens": "Bus",
        "moment-2-picture": png(noisy_png((300, 300), seed=3)),
        "moment-2-picture_alt": "Bus",
    }
    response = post(client, "day", third)

    assert response.status_code == 400
    assert b"Your pictures together are bigger than" in response.content
    moments = client.session["story_share"]["day"]["moments"]
    assert [moment["picture"] for moment in moments[:2]] == [m["picture"] for m in kept[:2]]
    assert moments[2]["picture"] is None
    assert HeldPicture.objects.count() == 2

    # Replacing a picture frees its share of the cap, and the replaced file is deleted.
    replace = dict(third, **{"moment-0-picture": png(noisy_png((300, 300), seed=4))})
    replace.pop("moment-2-picture")
    assert post(client, "day", replace).status_code == 302
    assert HeldPicture.objects.count() == 2 and len(held_files()) == 2
    assert not HeldPicture.objects.filter(key=kept[0]["picture"]).exists()


def test_pictures_stay_out_of_the_session_and_out_of_public_media(
    client, site_tree, django_capture_on_commit_callbacks
):
    post(client, "about", ABOUT)
    data = {}
    for position in range(8):
        data |= {
            f"moment-{position}-time_of_day": f"{position + 6}am",
            f"moment-{position}-what_happens": f"Moment {position}",
            f"moment-{position}-picture": png(noisy_png((420, 420), seed=position)),  # ~530 KB
            f"moment-{position}-picture_alt": f"Picture {position}",
        }
    for count in range(3, 8):  # the form starts with three moments; add up to eight
        assert post(client, "day", {"go": "add"}).status_code == 302
        assert len(client.session["story_share"]["day"]["moments"]) == count

    assert post(client, "day", data).status_code == 302

    row = Session.objects.get(session_key=client.session.session_key)
    assert len(row.session_data) < 64 * 1024
    assert HeldPicture.objects.count() == 8
    files = held_files()
    assert len(files) == 8 and sum(path.stat().st_size for path in files) > 8 * 400_000
    media_root = Path(settings.MEDIA_ROOT).resolve()
    assert all(media_root not in path.resolve().parents for path in files)
    assert get_image_model().objects.count() == 0  # nothing public before Send

    post(client, "matters", MATTERS)
    post(client, "consent", CONSENT)
    with django_capture_on_commit_callbacks(execute=True):  # held copies go once it is saved
        send(client)

    story = StoryPage.objects.get()
    assert [block.value["image_alt"] for block in story.day] == [
        f"Picture {position}" for position in range(8)
    ]
    assert get_image_model().objects.count() == 8
    assert not HeldPicture.objects.exists() and held_files() == []


def test_the_daily_clean_up_sweeps_pictures_of_abandoned_stories(client, site_tree):
    post(client, "about", ABOUT)
    data = dict(DAY, **{"moment-0-picture": uploaded_picture(), "moment-0-picture_alt": "Hives"})
    assert post(client, "day", data).status_code == 302
    other = client.__class__()
    post(other, "about", ABOUT)
    assert post(other, "day", data | {"moment-0-picture": uploaded_picture()}).status_code == 302
    abandoned, fresh = HeldPicture.objects.order_by("pk")
    HeldPicture.objects.filter(pk=abandoned.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    abandoned_file = Path(settings.STORY_HOLDING_ROOT) / abandoned.file.name

    call_command("daily_cleanup", stdout=io.StringIO())

    assert list(HeldPicture.objects.all()) == [fresh]
    assert not abandoned_file.exists()
    assert held_files() == [Path(settings.STORY_HOLDING_ROOT) / fresh.file.name]


def test_pressing_a_button_keeps_the_pictures_as_long_as_the_draft(client, site_tree):
    post(client, "about", ABOUT)
    data = dict(DAY, **{"moment-0-picture": uploaded_picture(), "moment-0-picture_alt": "Hives"})
    post(client, "day", data)
    HeldPicture.objects.update(expires_at=timezone.now() + timedelta(minutes=5))

    post(client, "matters", MATTERS)

    assert HeldPicture.objects.get().expires_at > timezone.now() + timedelta(hours=23)
