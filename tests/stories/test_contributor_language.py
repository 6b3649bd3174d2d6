"""A contributor hears from the hub in the language they used: every step, the private link, its
email, and the status page (with a moderator, changes suggested, published, withdrawn)."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import translation
from django.utils.html import escape

from stories.models import StoryPage
from tests.stories.test_share import ABOUT, CONSENT, DAY, MATTERS, private_link
from tests.stories.test_storyteller import moderator, request_changes  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db

WELSH_SHARE = "/cy/stories/share/"  # no Welsh stories index: the English one, in Welsh


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def welsh(message):
    """The Welsh of an interface string, as a page shows it (HTML-escaped)."""
    with translation.override("cy"):
        return escape(translation.gettext(message))


@pytest.fixture
def welsh_story(client, site_tree):
    """A story told in Welsh, from the first step to the private link."""
    for step, data in (("about", ABOUT), ("day", DAY), ("matters", MATTERS), ("consent", CONSENT)):
        response = client.post(f"{WELSH_SHARE}{step}/", data)
        assert response.status_code == 302
        assert response["Location"].startswith(WELSH_SHARE), "each step stays in Welsh"
    response = client.post(f"{WELSH_SHARE}check/", {"go": "next", "website": ""})
    assert response["Location"].startswith("/cy/stories/")
    sent = client.get(response["Location"])
    assert '<html lang="cy">' in sent.content.decode()
    return StoryPage.objects.get(), private_link(sent)


def test_the_private_link_and_its_email_are_in_the_contributors_language(client, welsh_story):
    story, link = welsh_story
    assert link.startswith("/cy/stories/my-story/")
    mail.outbox.clear()

    client.post(link, {"action": "email", "email": "quillon@example.org"})

    message = mail.outbox[0]
    with translation.override("cy"):
        assert message.subject == translation.gettext("Your private story link")
    assert message.subject != "Your private story link"
    assert message.body.startswith("Dyma'r ddolen breifat i'ch stori:")
    assert f"http://testserver{link}" in message.body


def test_the_status_page_speaks_welsh_in_every_state(client, welsh_story, moderator):  # noqa: F811
    story, link = welsh_story

    status = client.get(link).content.decode()
    assert '<html lang="cy">' in status and welsh("With a moderator") in status

    request_changes(moderator, story, "Beth am y gaeaf?")
    status = client.get(link).content.decode()
    assert welsh("Changes suggested") in status and "Beth am y gaeaf?" in status
    assert f'href="{link}change/"' in status

    story.refresh_from_db()
    story.save_revision().publish()
    assert welsh("Published") in client.get(link).content.decode()

    withdrawn = client.post(link, {"action": "withdraw-confirmed"})
    assert '<html lang="cy">' in withdrawn.content.decode()
    assert not StoryPage.objects.filter(pk=story.pk).exists()
