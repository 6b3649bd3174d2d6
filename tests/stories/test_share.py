"""'Share your story' without an account: the steps, their errors, consent, spam and the link."""

import io
import re

import pytest
from django.core.cache import cache
from django.test import Client
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import WorkflowState

from stories.models import ConsentRecord, StoryPage, StoryReference
from stories.references import hash_token
from tests.stories.factories import picture_with_gps, uploaded_picture

pytestmark = pytest.mark.django_db

SHARE = "/en/stories/share/"

ABOUT = {
    "name_choice": "pseudonym",
    "pseudonym": "Quillon",
    "first_name": "",
    "title": "Tuesdays with Quillon",
    "about_me": "I keep bees and I talk to them.",
    "region": "wales",
    "setting": "rural",
    "voice": "own-words",
}
DAY = {
    "moment-0-time_of_day": "6am",
    "moment-0-what_happens": "I check the hives before anyone is up.",
    "moment-0-picture_alt": "",
}
MATTERS = {
    "life_factors": ["place", "passions-and-experiences"],
    "passions": "Bees",
    "hopes": "A honey stall",
    "what_helps": "Quiet mornings",
    "what_gets_in_the_way": "The bus timetable",
    "content_notes": ["bereavement"],
}
CONSENT = {"publish_on_web": "on", "translate": "on", "how_given": "with-supporter"}


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def post(client, step, data, **extra):
    return client.post(f"{SHARE}{step}/", data, **extra)


def fill_in_everything(client, day=None):
    assert post(client, "about", ABOUT).status_code == 302
    assert post(client, "day", day or DAY).status_code == 302
    assert post(client, "matters", MATTERS).status_code == 302
    assert post(client, "consent", CONSENT).status_code == 302


def send(client):
    response = post(client, "check", {"go": "next", "website": ""})
    assert response.status_code == 302
    sent = client.get(response["Location"])
    assert sent.status_code == 200
    return sent


def private_link(sent_response):
    match = re.search(r'id="private-link">([^<]+)<', sent_response.content.decode())
    assert match, "the private link is shown once"
    return match.group(1).replace("http://testserver", "")


def test_the_start_page_explains_the_steps_without_an_account(client, site_tree):
    response = client.get(SHARE)
    assert response.status_code == 200
    assert b"You do not need an account" in response.content
    assert b'href="/en/stories/share/about/"' in response.content


def test_the_home_page_links_to_the_form(client, site_tree):
    response = client.get("/en/")
    assert b'href="stories/share/"' in response.content


def test_sending_creates_a_draft_with_consent_in_review(client, site_tree, django_user_model):
    moderator = django_user_model.objects.create_user("mod", "mod@example.org", "pw")
    from django.contrib.auth.models import Group

    moderator.groups.add(Group.objects.get(name="Moderators"))
    from django.core import mail

    fill_in_everything(client)
    check = client.get(f"{SHARE}check/")
    assert b"I check the hives" in check.content and b"Quillon" in check.content

    sent = send(client)
    link = private_link(sent)

    story = StoryPage.objects.get(pseudonym="Quillon")
    assert not story.live and story.owner is None
    assert story.title == "Tuesdays with Quillon"
    assert not story.slug.startswith("tuesdays")  # the address gives nothing away
    assert story.region == "wales" and story.content_notes == ["bereavement"]
    assert sorted(f.key for f in story.life_factors.all()) == ["passions-and-experiences", "place"]
    assert story.day[0].value["what_happens"] == "I check the hives before anyone is up."
    consent = ConsentRecord.objects.get(story=story)
    assert consent.publish_on_web and consent.translate and not consent.quote_elsewhere
    assert consent.how_given == "with-supporter" and consent.wording_version
    state = WorkflowState.objects.get(object_id=str(story.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Story review"
    assert any("mod@example.org" in message.to for message in mail.outbox)

    # Only a hash of the token is kept, and the session forgets the story.
    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert len(token) >= 40
    assert StoryReference.objects.get(story=story).token_hash == hash_token(token)
    assert not StoryReference.objects.filter(token_hash=token).exists()
    assert "story_share" not in client.session
    # The link is shown once.
    assert client.get("/en/stories/share-sent/").status_code == 302


def test_an_error_keeps_everything_typed_and_says_what_to_do(client, site_tree):
    data = dict(ABOUT, pseudonym="", about_me="My words stay here.")
    response = post(client, "about", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Please write a made-up name" in html
    assert "My words stay here." in html
    assert 'aria-invalid="true"' in html and "id_pseudonym_error" in html
    assert "Everything you typed is still here" in html


def test_going_back_keeps_the_answers_of_both_steps(client, site_tree):
    assert post(client, "about", ABOUT).status_code == 302
    half_typed = {"moment-0-time_of_day": "Noon", "moment-0-what_happens": "", "go": "back"}
    response = post(client, "day", half_typed)
    assert response["Location"].endswith("/share/about/")
    about = client.get(f"{SHARE}about/").content.decode()
    assert "I keep bees and I talk to them." in about
    day = client.get(f"{SHARE}day/").content.decode()
    assert 'value="Noon"' in day


def test_the_day_needs_at_least_one_moment_and_can_grow(client, site_tree):
    post(client, "about", ABOUT)
    response = post(client, "day", {"moment-0-time_of_day": "", "moment-0-what_happens": ""})
    assert response.status_code == 400
    response = post(client, "day", dict(DAY, go="add"))
    assert response.status_code == 302
    page = client.get(f"{SHARE}day/").content.decode()
    assert "Moment 4" in page and "I check the hives" in page


def test_consent_to_the_website_is_required_with_a_plain_reason(client, site_tree):
    response = post(client, "consent", {"how_given": "self"})
    assert response.status_code == 400
    assert b"We can only share your story on the website if you say yes here" in response.content
    assert b"Easy read" in response.content


def test_check_sends_people_back_to_an_unfinished_step(client, site_tree):
    post(client, "about", ABOUT)
    response = client.get(f"{SHARE}check/")
    assert response["Location"].endswith("/share/day/")
    assert post(client, "check", {"go": "next"})["Location"].endswith("/share/day/")
    assert not StoryPage.objects.exists()


def test_every_step_needs_a_csrf_token(site_tree):
    client = Client(enforce_csrf_checks=True)
    assert client.post(f"{SHARE}about/", ABOUT).status_code == 403
    page = client.get(f"{SHARE}about/").content.decode()
    assert 'name="csrfmiddlewaretoken"' in page
    assert client.post(f"{SHARE}check/", {}).status_code == 403
    assert client.post("/en/stories/my-story/x/", {"action": "withdraw"}).status_code == 403


def test_unknown_steps_give_a_clean_not_found_page(client, site_tree):
    assert client.get(f"{SHARE}nothing-here/").status_code == 404


def test_the_honeypot_creates_nothing_and_still_says_thank_you(client, site_tree):
    fill_in_everything(client)
    response = post(client, "check", {"go": "next", "website": "http://spam.example"})
    sent = client.get(response["Location"])
    assert sent.status_code == 200
    assert b"private-link" not in sent.content
    assert not StoryPage.objects.exists()


def test_sending_is_rate_limited_per_address_without_losing_the_story(client, site_tree):
    for _ in range(5):
        fill_in_everything(client)
        send(client)
    fill_in_everything(client)
    response = post(client, "check", {"go": "next"})
    assert response.status_code == 429
    assert b"try again in an hour" in response.content
    assert b"I check the hives" in response.content  # still there, nothing lost
    assert StoryPage.objects.count() == 5
    other = Client(REMOTE_ADDR="192.0.2.7")
    fill_in_everything(other)
    send(other)
    assert StoryPage.objects.count() == 6


def send_story_with_picture(client, picture, alt):
    """Share a story whose first moment has `picture`; returns the stored image and its bytes."""
    post(client, "about", ABOUT)
    data = dict(DAY, **{"moment-0-picture": picture, "moment-0-picture_alt": alt})
    assert post(client, "day", data).status_code == 302
    post(client, "matters", MATTERS)
    post(client, "consent", CONSENT)
    send(client)
    story = StoryPage.objects.get()
    assert story.day[0].value["image_alt"] == alt
    image = story.day[0].value["image"]
    with image.file.open("rb") as stored:
        return image, stored.read()


def assert_no_camera_or_place(data):
    assert b"SecretCam" not in data
    assert dict(Image.open(io.BytesIO(data)).getexif()) == {}


def test_pictures_lose_their_exif_and_gps_data(client, site_tree):
    image, data = send_story_with_picture(client, uploaded_picture(), "Hives")

    assert_no_camera_or_place(data)
    assert image.collection.name == "Stories"
    assert "quillon" not in image.title.lower()


def test_a_picture_is_kept_when_another_field_has_an_error(client, site_tree):
    post(client, "about", ABOUT)
    data = {
        "moment-0-time_of_day": "6am",
        "moment-0-what_happens": "Hives",
        "moment-0-picture": uploaded_picture(),
        "moment-0-picture_alt": "",
    }
    response = post(client, "day", data)
    assert response.status_code == 400
    assert b"Please describe the picture" in response.content
    assert b"You added a picture here" in response.content
    response = post(client, "day", dict(DAY, **{"moment-0-picture_alt": "Bee boxes"}))
    assert response.status_code == 302
    moment = client.session["story_share"]["day"]["moments"][0]
    assert moment["picture"] and moment["picture_alt"] == "Bee boxes"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            lambda: uploaded_picture("notes.txt", "text/plain", b"just text"),
            b"saved as JPEG or PNG",
        ),
        (
            lambda: uploaded_picture("fake.jpg", "image/jpeg", b"not really an image"),
            b"We could not open this picture",
        ),
        (
            lambda: uploaded_picture("gif.jpg", "image/jpeg", gif_bytes()),
            b"saved as JPEG or PNG",
        ),
        (
            lambda: uploaded_picture("huge.jpg", "image/jpeg", b"x" * (5 * 1024 * 1024 + 1)),
            b"smaller than 5 MB",
        ),
    ],
)
def test_uploads_are_checked_by_content_and_size(client, site_tree, upload, message):
    post(client, "about", ABOUT)
    data = dict(DAY, **{"moment-0-picture": upload(), "moment-0-picture_alt": "A picture"})
    response = post(client, "day", data)
    assert response.status_code == 400
    assert message in response.content
    assert b"I check the hives" in response.content
    assert get_image_model().objects.count() == 0


def gif_bytes():
    output = io.BytesIO()
    Image.new("RGB", (4, 4)).save(output, format="GIF")
    return output.getvalue()


def test_png_pictures_are_accepted_and_cleaned(client, site_tree):
    png = uploaded_picture("p.png", "image/png", picture_with_gps("PNG"))
    assert b"SecretCam" in png.read()  # the upload does carry camera data
    png.seek(0)

    _image, data = send_story_with_picture(client, png, "P")

    assert_no_camera_or_place(data)


def test_an_unfinished_story_is_kept_for_a_day_not_for_weeks(client, site_tree):
    from django.conf import settings

    from stories.share_views import DRAFT_LIFETIME

    post(client, "about", ABOUT)

    assert DRAFT_LIFETIME < settings.SESSION_COOKIE_AGE
    assert client.session.get_expiry_age() == DRAFT_LIFETIME
