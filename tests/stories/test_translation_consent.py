"""A story is translated only if the person who told it agreed to translation.

Refused with a message on wagtail-localize's "Translate" page, left out of a subtree
translation, refused on "Sync translated pages", and refused below the admin too: the story's
text never reaches wagtail-localize's tables without consent.
"""

import pytest
from wagtail.models import Locale
from wagtail_localize.models import String, TranslationSource
from wagtail_localize.operations import translate_object

from hub import bootstrap
from stories.models import ConsentRecord, StoryPage
from stories.wagtail_hooks import TranslationConsentRequired
from tests.stories.factories import make_story, stories_index

pytestmark = pytest.mark.django_db

REFUSAL = "has not agreed to translation"


def welsh():
    return Locale.objects.get(language_code="cy")


def welsh_stories(story):
    return StoryPage.objects.filter(translation_key=story.translation_key, locale=welsh())


def story_text_in_translation_memory(story):
    return String.objects.filter(data__contains=story.about_me).exists()


@pytest.fixture
def editor(site_tree, make_user):
    return make_user("editor", bootstrap.EDITORS)


@pytest.fixture
def translator(site_tree, make_user, client):
    user = make_user("translator", bootstrap.TRANSLATORS)
    client.force_login(user)
    return user


@pytest.fixture
def welsh_home(site_tree, editor):
    translate_object(site_tree, [welsh()], user=editor)
    site_tree.get_translation(welsh()).save_revision(user=editor).publish()


@pytest.fixture
def welsh_stories_index(welsh_home, editor):
    index = stories_index()
    translate_object(index, [welsh()], user=editor)
    index.get_translation(welsh()).save_revision(user=editor).publish()


def test_translating_a_story_without_consent_is_refused_with_a_message(
    client, translator, welsh_stories_index
):
    story = make_story(publish=True, about_me="I keep bees on the allotment.")
    url = f"/admin/localize/submit/page/{story.pk}/"

    shown = client.get(url, follow=True)
    sent = client.post(url, {"locales": [welsh().pk]}, follow=True)

    for response in (shown, sent):
        assert response.redirect_chain[0] == (f"/admin/pages/{story.pk}/edit/", 302)
        assert REFUSAL in " ".join(str(m) for m in response.context["messages"])
    assert not welsh_stories(story).exists()
    assert not TranslationSource.objects.filter(object_id=story.translation_key).exists()
    assert not story_text_in_translation_memory(story)


def test_a_story_with_consent_to_translate_is_translated_as_a_draft(
    client, translator, welsh_stories_index
):
    story = make_story(publish=True, consent_translate=True, about_me="I keep bees.")

    response = client.post(f"/admin/localize/submit/page/{story.pk}/", {"locales": [welsh().pk]})

    assert response.status_code == 302
    welsh_story = welsh_stories(story).get()
    assert response["Location"] == f"/admin/pages/{welsh_story.pk}/edit/"
    assert not welsh_story.live
    assert welsh_story.get_consent().translate  # it shares the original's consent


def test_translating_the_stories_section_leaves_out_stories_without_consent(
    client, translator, welsh_home
):
    agreed = make_story(publish=True, consent_translate=True, title="Agreed")
    declined = make_story(publish=True, consent_translate=False, title="Declined")
    no_record = make_story(consent=False, title="No record")  # a draft: it cannot go live
    index = stories_index()

    response = client.post(
        f"/admin/localize/submit/page/{index.pk}/",
        {"locales": [welsh().pk], "include_subtree": "on"},
        follow=True,
    )

    assert response.status_code == 200
    assert index.get_translation_or_none(welsh()) is not None
    assert welsh_stories(agreed).exists()
    assert not welsh_stories(declined).exists()
    assert not welsh_stories(no_record).exists()
    messages = " ".join(str(m) for m in response.context["messages"])
    # The draft is someone else's: a translator neither copies it nor learns its title.
    assert "1 page was left out" in messages
    assert "Declined" in messages and "No record" not in messages
    assert not TranslationSource.objects.filter(object_id=declined.translation_key).exists()


def test_syncing_a_translation_after_consent_is_withdrawn_is_refused(
    client, translator, welsh_stories_index
):
    story = make_story(publish=True, consent_translate=True)
    client.post(f"/admin/localize/submit/page/{story.pk}/", {"locales": [welsh().pk]})
    source = TranslationSource.objects.get(object_id=story.translation_key)
    ConsentRecord.objects.filter(story=story).update(translate=False)
    story.about_me = "New words they never agreed to have translated."
    story.save_revision().publish()

    response = client.post(f"/admin/localize/update/{source.pk}/", {}, follow=True)

    assert response.redirect_chain[0] == (f"/admin/pages/{story.pk}/edit/", 302)
    assert REFUSAL in " ".join(str(m) for m in response.context["messages"])
    assert not String.objects.filter(data__contains="never agreed").exists()


def test_code_below_the_admin_cannot_copy_a_story_for_translation(editor, welsh_stories_index):
    story = make_story(publish=True, about_me="I swim in the lake at dawn.")

    with pytest.raises(TranslationConsentRequired):
        translate_object(story, [welsh()], user=editor)

    assert not welsh_stories(story).exists()
    assert not TranslationSource.objects.filter(object_id=story.translation_key).exists()
    assert not story_text_in_translation_memory(story)


def test_a_translation_of_a_consenting_story_may_itself_be_translated(editor, welsh_stories_index):
    """Consent belongs to the original story; its Welsh version can be the source for Spanish."""
    spanish = Locale.objects.get(language_code="es")
    translate_object(stories_index(), [spanish], user=editor)
    story = make_story(publish=True, consent_translate=True, about_me="I mend bicycles.")
    translate_object(story, [welsh()], user=editor)
    welsh_story = welsh_stories(story).get()

    translate_object(welsh_story, [spanish], user=editor)

    assert StoryPage.objects.filter(translation_key=story.translation_key, locale=spanish).exists()
