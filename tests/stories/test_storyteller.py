"""The storyteller's side: clear errors, the private link kept safely, and changes after review."""

import logging
import pickle
import re
import socket

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.test import Client
from wagtail.models import TaskState, WorkflowState

from hub import bootstrap
from stories.models import StoryPage
from tests.stories.factories import uploaded_picture
from tests.stories.test_share import (
    ABOUT,
    CONSENT,
    DAY,
    MATTERS,
    SHARE,
    fill_in_everything,
    post,
    private_link,
    send,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clear_rate_limits():
    """The per-address limits live in the cache; every test here starts from none."""
    cache.clear()
    yield
    cache.clear()


def test_an_empty_day_says_what_to_do_in_a_summary_and_at_the_field(client, site_tree):
    post(client, "about", ABOUT)

    response = post(client, "day", {"moment-0-time_of_day": "", "moment-0-what_happens": ""})

    assert response.status_code == 400
    page = response.content.decode()
    summary = re.search(r'<div class="error-summary"[^>]*>(.*?)</div>', page, re.S)
    assert summary, "an error summary at the top"
    assert 'role="alert"' in summary.group(0) and 'tabindex="-1"' in summary.group(0)
    assert "autofocus" in summary.group(0)
    assert 'href="#id_moment-0-time_of_day"' in summary.group(1)
    message = "Please tell us about at least one moment of your day"
    assert message in summary.group(1)
    assert re.search(r'id="id_moment-0-time_of_day_error">.*' + message, page)
    assert re.search(r'<input[^>]*aria-invalid="true"[^>]*id="id_moment-0-time_of_day"', page)
    assert page.count(message) == 2  # once in the summary, once at the field
    assert "<title>Error:" in page


def test_long_answers_are_refused_with_a_message_never_cut(client, site_tree):
    long_answer = "Bees. " * 250 + "The end."  # 1,508 characters, over the 1,500 allowed
    response = post(client, "about", dict(ABOUT, about_me=long_answer))

    assert response.status_code == 400
    page = response.content.decode()
    assert "Please make this shorter: it can have up to 1500 characters, and it has 1508." in page
    assert long_answer in page  # all of it still there, to shorten
    assert "maxlength" not in page  # the browser never drops what was typed or pasted
    assert 'data-character-limit="1500"' in page
    assert "You can write up to 1500 characters." in page
    assert 'aria-describedby="id_about_me_error id_about_me_helptext id_about_me_count"' in page

    day = client.get(f"{SHARE}day/").content.decode()
    assert "maxlength" not in day and 'data-character-limit="2000"' in day


@pytest.fixture
def sent_story(client, site_tree):
    fill_in_everything(client)
    link = private_link(send(client))
    return StoryPage.objects.get(), link


def test_the_status_page_offers_copy_and_print_without_inline_script(client, sent_story):
    _story, link = sent_story

    page = client.get(link).content.decode()

    # Without JavaScript: the whole link as visible text, and a page that prints as a reminder.
    assert re.search(r'id="private-link">http://testserver' + re.escape(link) + "<", page)
    assert 'class="private-link-print-only"' in page
    assert "Keep this paper somewhere safe" in page
    # With it: buttons that share.js shows and wires up; no inline script anywhere.
    assert re.search(r'<button type="button"[^>]*data-copy-target="private-link"[^>]*hidden', page)
    assert re.search(r"<button[^>]*data-print[^>]*hidden", page)
    assert '<script src="/static/js/share.js" defer></script>' in page
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    assert " on" + 'click="' not in page


def every_stored_value():
    """Every row of every table, as text, for searching."""
    for model in apps.get_models():
        for row in model._base_manager.values_list():
            yield repr(row)


def test_the_link_is_emailed_once_and_the_address_is_kept_nowhere(client, sent_story, caplog):
    story, link = sent_story
    address = "quillon.private@example.org"
    mail.outbox.clear()
    caplog.set_level(logging.DEBUG)

    response = client.post(link, {"action": "email", "email": address})

    assert response.status_code == 200
    assert "We have sent the link. We did not keep the address." in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [address]
    assert f"http://testserver{link}" in message.body
    assert story.title not in message.body and "Quillon" not in message.subject
    # Sent, then forgotten: not in the page, a table, the session, the cache or the logs.
    assert address not in response.content.decode()
    assert not any(address in row for row in every_stored_value())
    assert all(address not in row.get_decoded().__repr__() for row in Session.objects.all())
    assert all(address.encode() not in pickle.dumps(value) for value in cache._cache.values())
    assert address not in caplog.text


def test_a_wrong_address_is_explained_and_nothing_is_sent(client, sent_story):
    _story, link = sent_story
    mail.outbox.clear()

    response = client.post(link, {"action": "email", "email": "not an address"})

    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="error-summary"' in page and 'href="#id_email"' in page
    assert "Please write an email address like name@example.org." in page
    assert mail.outbox == []


@pytest.fixture
def moderator(site_tree, make_user):
    user = make_user("moderator", bootstrap.MODERATORS)
    user.email = "moderator@example.org"
    user.save()
    return user


def request_changes(moderator, story, comment):
    admin = Client()
    admin.force_login(moderator)
    task_state = story.current_workflow_task_state
    url = f"/admin/pages/workflow/action/{story.pk}/reject/{task_state.pk}/"
    assert admin.post(url, {"comment": comment}).status_code in (200, 302)
    return admin


def changed_story_form(**overrides):
    values = {
        **ABOUT,
        "moment-0-time_of_day": "6am",
        "moment-0-what_happens": "I check the hives before anyone is up.",
        "moment-0-picture_alt": "Hives at dawn",
        "moment-1-time_of_day": "",
        "moment-1-what_happens": "",
        "moment-1-picture_alt": "",
        **MATTERS,
    }
    values.update(overrides)
    return values


def test_after_request_changes_the_contributor_changes_and_resubmits_from_the_link(
    client, site_tree, moderator, django_capture_on_commit_callbacks
):
    post(client, "about", ABOUT)
    picture = uploaded_picture()
    day = dict(DAY, **{"moment-0-picture": picture, "moment-0-picture_alt": "Hives at dawn"})
    assert post(client, "day", day).status_code == 302
    post(client, "matters", MATTERS)
    post(client, "consent", CONSENT)
    with django_capture_on_commit_callbacks(execute=True):
        link = private_link(send(client))
    story = StoryPage.objects.get()
    image = story.day[0].value["image"]
    workflow_state = story.current_workflow_state
    admin = request_changes(moderator, story, "Could you say how the bees are in winter?")

    status = client.get(link).content.decode()
    assert "Changes suggested" in status
    assert "Could you say how the bees are in winter?" in status
    change_url = f"{link}change/"
    assert f'href="{change_url}"' in status

    page = client.get(change_url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Could you say how the bees are in winter?" in text  # the note beside the story
    assert "I keep bees and I talk to them." in text  # their own words, nothing to retype
    assert "I check the hives before anyone is up." in text
    assert "This moment has a picture" in text and "Hives at dawn" in text

    # A mistake first: nothing is lost, and the error is explained.
    winter = "In winter they cluster and hum."
    response = client.post(change_url, changed_story_form(about_me=""))
    assert response.status_code == 400
    assert "Please write a few words about you." in response.content.decode()
    assert WorkflowState.objects.get(pk=workflow_state.pk).status == "needs_changes"

    response = client.post(change_url, changed_story_form(about_me=f"I keep bees. {winter}"))
    assert response.status_code == 302
    assert response["Location"] == f"{link}?changed=1"
    assert (
        "Your changes are with the moderator" in client.get(response["Location"]).content.decode()
    )

    # The same workflow, back with the moderator, with the new words and the same picture.
    story = StoryPage.objects.get()
    state = WorkflowState.objects.get(pk=workflow_state.pk)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert WorkflowState.objects.filter(object_id=str(story.pk)).count() == 1
    assert state.current_task_state.status == TaskState.STATUS_IN_PROGRESS
    latest = story.get_latest_revision_as_object()
    assert latest.about_me == f"I keep bees. {winter}"
    assert latest.day[0].value["image"] == image
    assert latest.day[0].value["image_alt"] == "Hives at dawn"
    assert sorted(f.key for f in latest.life_factors.all()) == sorted(MATTERS["life_factors"])

    # Nothing to change while it is with the moderator: the page sends people to the status.
    assert client.get(change_url)["Location"] == link

    task_state = story.current_workflow_task_state
    url = f"/admin/pages/workflow/action/{story.pk}/approve/{task_state.pk}/"
    admin.post(url, {"comment": ""})
    story = StoryPage.objects.get()
    assert story.live and story.about_me == f"I keep bees. {winter}"
    assert story.day[0].value["image"] == image


def test_the_change_page_needs_the_right_link(client, sent_story):
    response = client.get(f"{SHARE.replace('share/', '')}my-story/not-the-token/change/")
    assert response.status_code == 404
    assert b"We cannot show a story for this link" in response.content


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens once the probe is closed


def test_a_mail_server_that_refuses_gives_a_clear_message_not_an_error_page(
    client, sent_story, settings, caplog
):
    _story, link = sent_story
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = (
        "127.0.0.1",
        closed_port(),
        False,
    )
    address = "quillon.private@example.org"

    response = client.post(link, {"action": "email", "email": address})

    assert response.status_code == 503
    page = response.content.decode()
    assert "We could not send the email just now" in page
    assert f"http://testserver{link}" in page  # the link itself is still there to copy
    assert address not in page and address not in caplog.text
