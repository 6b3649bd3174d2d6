"""Withdrawal removes a story completely: database, media folder and search index."""

import os

import pytest
from django.conf import settings
from django.db import connection
from wagtail.images import get_image_model
from wagtail.models import Comment, Locale, Page, PageLogEntry, Revision, WorkflowState

from hub import bootstrap
from stories.models import StoryPage, StoryWithdrawal
from stories.submission import save_picture, stories_collection
from stories.withdrawal import WithdrawnBy, withdraw_story
from tests.stories.factories import (
    held_picture,
    make_story,
    stories_index,
    submit_for_review,
)

pytestmark = pytest.mark.django_db

PSEUDONYM = "Zephyrquill"
WORD = "quorbleflax"


def columns_mentioning(needle):
    """Every (table, column) of the whole database whose text contains the needle."""
    found = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                cursor.execute(
                    f"SELECT COUNT(*) FROM {quote(table)} "  # noqa: S608 - names from introspection
                    f"WHERE LOWER(CAST({quote(column.name)} AS TEXT)) LIKE %s",
                    [f"%{needle.lower()}%"],
                )
                if cursor.fetchone()[0]:
                    found.append((table, column.name))
    return found


def media_files():
    root = settings.MEDIA_ROOT
    return {os.path.join(folder, name) for folder, _dirs, names in os.walk(root) for name in names}


def rich_story(moderator):
    picture = save_picture(held_picture(), stories_collection())
    picture.get_rendition("fill-40x30")
    story = make_story(
        title=f"The {WORD} morning",
        pseudonym=PSEUDONYM,
        about_me=f"I collect {WORD} stones.",
        moments=[
            {
                "time_of_day": "Dawn",
                "what_happens": f"Polishing {WORD} by the window.",
                "image": picture,
                "image_alt": f"A {WORD} on a sill",
            }
        ],
        keywords=[f"{WORD}-keyword"],
        publish=True,
    )
    # A second revision, a moderator's comment and a finished workflow: all must go.
    story.about_me = f"I still collect {WORD} stones."
    story.save_revision(user=moderator)
    Comment.objects.create(
        page=story,
        user=moderator,
        text=f"Lovely {WORD} detail",
        contentpath="about_me",
        revision_created=story.latest_revision,
    )
    submit_for_review(story, user=moderator)
    return story, picture


@pytest.fixture
def moderator(site_tree, make_user):
    return make_user("moderator", bootstrap.MODERATORS)


def test_withdrawal_leaves_no_trace_anywhere(moderator, django_capture_on_commit_callbacks):
    story, picture = rich_story(moderator)
    files_before = media_files()
    stem = os.path.splitext(os.path.basename(picture.file.name))[0]
    picture_files = {path for path in files_before if stem in os.path.basename(path)}
    assert len(picture_files) >= 2  # the picture and its rendition
    # The checks below can fail: the story is really in each place before.
    assert Page.objects.live().search(WORD).count() == 1
    tables_before = {table for table, _column in columns_mentioning(WORD)}
    assert {"wagtailcore_revision", "wagtailcore_comment"} <= tables_before
    assert any("index" in table for table in tables_before), tables_before
    assert columns_mentioning(PSEUDONYM)

    with django_capture_on_commit_callbacks(execute=True):
        record = withdraw_story(story, by=WithdrawnBy.MODERATOR)

    assert columns_mentioning(WORD) == []
    assert columns_mentioning(PSEUDONYM) == []
    assert not StoryPage.objects.filter(pk=story.pk).exists()
    assert not Revision.objects.filter(object_id=str(story.pk)).exists()
    assert not WorkflowState.objects.filter(object_id=str(story.pk)).exists()
    assert not PageLogEntry.objects.filter(page_id=story.pk).exists()
    assert not get_image_model().objects.filter(pk=picture.pk).exists()
    assert picture_files.isdisjoint(media_files())
    assert Page.objects.search(WORD).count() == 0
    assert (record.by, StoryWithdrawal.objects.count()) == ("moderator", 1)
    assert {f.name for f in StoryWithdrawal._meta.get_fields()} == {"id", "withdrawn_on", "by"}


def test_withdrawal_unpublishes_and_deletes_every_translation(moderator):
    story = make_story(pseudonym=PSEUDONYM, publish=True, consent_translate=True)
    welsh = story.copy_for_translation(Locale.objects.get(language_code="cy"), copy_parents=True)
    welsh.save_revision().publish()
    welsh.refresh_from_db()
    assert welsh.live

    withdraw_story(story, by=WithdrawnBy.CONTRIBUTOR)

    assert not StoryPage.objects.filter(translation_key=story.translation_key).exists()
    assert columns_mentioning(PSEUDONYM) == []


WELSH_WORD = "cwmbrythonig"


def test_withdrawal_removes_a_wagtail_localize_translation_and_its_translation_memory(
    client, moderator, make_user, django_capture_on_commit_callbacks
):
    """Translated the way translators do: wagtail-localize keeps the story's text (String,
    StringSegment) and what the translator typed (StringTranslation) in tables of its own."""
    from wagtail_localize.models import (
        String,
        StringTranslation,
        TranslatableObject,
        Translation,
        TranslationSource,
    )

    editor = make_user("editor", bootstrap.EDITORS)
    story = make_story(
        title=f"The {WORD} morning",
        pseudonym=PSEUDONYM,
        about_me=f"I collect {WORD} stones.",
        publish=True,
        consent_translate=True,
    )
    client.force_login(editor)
    cy = Locale.objects.get(language_code="cy")
    client.post(f"/admin/localize/submit/page/{story.pk}/", {"locales": [cy.pk]})
    welsh = story.get_translation(cy)
    translation = Translation.objects.get(source__object_id=story.translation_key)
    segment = translation.source.stringsegment_set.get(string__data=f"I collect {WORD} stones.")
    typed = client.put(
        f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
        f"value=Rwy'n casglu cerrig {WELSH_WORD}.",
        content_type="application/x-www-form-urlencoded",
    )
    assert typed.status_code == 201
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/pages/{welsh.pk}/edit/", {"action": "publish"})
    welsh.refresh_from_db()
    assert welsh.live and WELSH_WORD in welsh.specific.about_me
    tables_before = {table for table, _column in columns_mentioning(WORD)}
    assert {"wagtail_localize_string", "wagtail_localize_translationsource"} <= tables_before
    assert "wagtail_localize_stringtranslation" in {t for t, _c in columns_mentioning(WELSH_WORD)}

    with django_capture_on_commit_callbacks(execute=True):
        withdraw_story(story, by=WithdrawnBy.CONTRIBUTOR)

    assert columns_mentioning(WORD) == []
    assert columns_mentioning(WELSH_WORD) == []
    assert columns_mentioning(PSEUDONYM) == []
    assert not Page.objects.filter(translation_key=story.translation_key).exists()
    assert not TranslatableObject.objects.filter(translation_key=story.translation_key).exists()
    assert not TranslationSource.objects.filter(object_id=story.translation_key).exists()
    assert not StringTranslation.objects.filter(data__contains=WELSH_WORD).exists()
    assert not String.objects.filter(data__contains=WORD).exists()
    assert client.get(welsh.url).status_code == 404


def test_withdrawal_is_one_transaction(moderator, monkeypatch):
    story = make_story(pseudonym=PSEUDONYM, publish=True)

    def fail(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("stories.withdrawal.delete_unused_tags", fail)
    with pytest.raises(RuntimeError):
        withdraw_story(story, by=WithdrawnBy.MODERATOR)
    story.refresh_from_db()
    assert story.live
    assert not StoryWithdrawal.objects.exists()


def test_moderators_withdraw_from_the_admin_after_confirming(client, moderator):
    story = make_story(pseudonym=PSEUDONYM, publish=True, index=stories_index())
    client.force_login(moderator)

    edit = client.get(f"/admin/pages/{story.pk}/edit/")
    assert f"/admin/stories/withdraw/{story.pk}/".encode() in edit.content
    confirm = client.get(f"/admin/stories/withdraw/{story.pk}/")
    assert confirm.status_code == 200 and b"cannot be undone" in confirm.content
    assert StoryPage.objects.filter(pk=story.pk).exists()  # asking is not doing

    response = client.post(f"/admin/stories/withdraw/{story.pk}/")
    assert response.status_code == 302
    assert not StoryPage.objects.filter(pk=story.pk).exists()
    assert StoryWithdrawal.objects.get().by == "moderator"


def test_other_contributors_cannot_withdraw_a_story(client, make_user, site_tree):
    story = make_story(publish=True)
    make_user("someone", bootstrap.EXPERTS)
    client.login(username="someone", password="pw")
    response = client.post(f"/admin/stories/withdraw/{story.pk}/")
    assert response.status_code in (302, 403)
    assert StoryPage.objects.filter(pk=story.pk).exists()
    assert not StoryWithdrawal.objects.exists()


def test_a_contributor_withdraws_their_own_story_from_the_admin(client, make_user, site_tree):
    expert = make_user("teller", bootstrap.EXPERTS)
    story = make_story(owner=expert)
    client.force_login(expert)
    client.post(f"/admin/stories/withdraw/{story.pk}/")
    assert not StoryPage.objects.filter(pk=story.pk).exists()
    assert StoryWithdrawal.objects.get().by == "contributor"
