"""Translators translate through wagtail-localize and submit for review; editors publish.

Every step goes through the admin as the demo-style translator would: "Translate" (wagtail-
localize's submit view), typing a segment (its editor's API), "Submit to Editorial review"
(hub.translation_review), an editor's approval, and the Welsh page live at /cy/.
"""

import html
import json
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.operations import translate_object

from casestudies.models import CaseStudyIndexPage, CaseStudyPage, Sector
from hub import groups
from hub.settings.base import machine_translator_from_env
from provisioning import workflows
from tests.casestudies.factories import CaseStudyPageFactory

pytestmark = pytest.mark.django_db

SUMMARY = "A lunch club that its members run themselves."
WELSH_SUMMARY = "Clwb cinio y mae ei aelodau yn ei redeg eu hunain."
DUMMY_TRANSLATOR = {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}


def welsh():
    return Locale.objects.get(language_code="cy")


@pytest.fixture
def editor(site_tree, make_user):
    return make_user("editor", groups.EDITORS)


@pytest.fixture
def translator(site_tree, make_user):
    return make_user("translator", groups.TRANSLATORS)


@pytest.fixture
def welsh_catalogue(site_tree, section, editor):
    """The Welsh home page and case studies section, translated and published by an editor."""
    for page in (site_tree, section(CaseStudyIndexPage)):
        translate_object(page, [welsh()], user=editor)
        page.get_translation(welsh()).save_revision(user=editor).publish()
    return section(CaseStudyIndexPage).get_translation(welsh())


@pytest.fixture
def case_study(section, welsh_catalogue):
    page = CaseStudyPageFactory(
        parent=section(CaseStudyIndexPage),
        title="Lunch club",
        slug="lunch-club",
        summary=SUMMARY,
        ratings={"networks": 3},
    )
    page.save_revision().publish()
    return page


def editor_props(response):
    """The props wagtail-localize's translation editor (a React app) starts from."""
    match = re.search(rb'class="js-translation-editor" data-props="([^"]*)"', response.content)
    assert match, "not the translation editor"
    return json.loads(html.unescape(match.group(1).decode()))


def assert_permission_denied(response):
    """Wagtail's admin answers PermissionDenied with a redirect to its dashboard and a message."""
    assert (response.status_code, response.get("Location")) in [(403, None), (302, "/admin/")]


def segment_for(page, text):
    return StringSegment.objects.get(source__object_id=page.translation_key, string__data=text)


def translate_into_welsh(client, page):
    """The translator presses "Translate", picks Welsh and lands in the translation editor."""
    form = client.get(f"/admin/localize/submit/page/{page.pk}/")
    assert form.status_code == 200
    response = client.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [welsh().pk]})
    assert response.status_code == 302
    welsh_page = page.get_translation(welsh())
    assert response["Location"] == f"/admin/pages/{welsh_page.pk}/edit/"
    return welsh_page.specific


def type_translation(client, page, welsh_page, source_text, translated_text):
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=welsh()
    )
    segment = segment_for(page, source_text)
    response = client.put(
        f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
        f"value={translated_text}",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 201, response.content
    return translation


def test_a_translator_translates_submits_and_an_editor_publishes(
    client, translator, editor, case_study
):
    client.force_login(translator)

    welsh_page = translate_into_welsh(client, case_study)
    # A translation of a live page starts as a draft, however far the original is published.
    assert not welsh_page.live

    editor_page = client.get(f"/admin/pages/{welsh_page.pk}/edit/")
    props = editor_props(editor_page)
    assert props["perms"]["canPublish"] is False
    assert b'name="hub-translation-submit"' in editor_page.content
    assert b"Submit to Editorial review" in editor_page.content
    type_translation(client, case_study, welsh_page, SUMMARY, WELSH_SUMMARY)
    assert StringTranslation.objects.filter(data=WELSH_SUMMARY, locale=welsh()).exists()

    # Publishing from the translation editor is refused, and nothing goes live.
    refused = client.post(f"/admin/pages/{welsh_page.pk}/edit/", {"action": "publish"})
    assert_permission_denied(refused)
    welsh_page.refresh_from_db()
    assert not welsh_page.live

    submitted = client.post(f"/admin/pages/{welsh_page.pk}/edit/", {"hub-translation-submit": "1"})
    assert submitted.status_code == 302
    welsh_page.refresh_from_db()
    assert not welsh_page.live
    task_state = welsh_page.current_workflow_task_state
    assert task_state.workflow_state.workflow.name == workflows.EDITORIAL_REVIEW
    assert [group.name for group in task_state.task.specific.groups.all()] == [groups.EDITORS]
    assert task_state.revision.as_object().summary == WELSH_SUMMARY
    assert WELSH_SUMMARY not in client.get("/cy/case-studies/lunch-club/").content.decode()
    # The editors see it waiting for them on their dashboard.
    client.force_login(editor)
    dashboard = client.get("/admin/").content.decode()
    assert welsh_page.get_admin_display_title() in dashboard

    approved = client.post(
        f"/admin/pages/workflow/action/{welsh_page.pk}/approve/{task_state.pk}/",
        {"comment": ""},
    )
    assert approved.status_code in (200, 302)
    welsh_page.refresh_from_db()
    assert welsh_page.live
    client.logout()
    public = client.get("/cy/case-studies/lunch-club/")
    assert public.status_code == 200
    assert WELSH_SUMMARY in public.content.decode()


def test_saving_a_draft_of_a_live_translation_leaves_the_live_page_alone(
    client, translator, editor, case_study
):
    client.force_login(translator)
    welsh_page = translate_into_welsh(client, case_study)
    welsh_page.save_revision(user=editor).publish()
    type_translation(client, case_study, welsh_page, SUMMARY, WELSH_SUMMARY)

    response = client.post(
        f"/admin/pages/{welsh_page.pk}/edit/", {"hub-translation-save-draft": "1"}
    )

    assert response.status_code == 302
    welsh_page = CaseStudyPage.objects.get(pk=welsh_page.pk)
    assert welsh_page.summary == SUMMARY  # what visitors see is unchanged until approval
    assert welsh_page.has_unpublished_changes
    assert welsh_page.get_latest_revision_as_object().summary == WELSH_SUMMARY


def test_translators_cannot_publish_through_sync_or_alias(client, translator, editor, case_study):
    welsh_page = translate_into_welsh(client_for(client, translator), case_study)
    source = Translation.objects.get(source__object_id=case_study.translation_key).source
    sync_url = f"/admin/localize/update/{source.pk}/"

    form = client.get(sync_url)
    assert form.status_code == 200
    assert b"publish_translations" not in form.content
    client.post(sync_url, {"publish_translations": "on"})
    welsh_page.refresh_from_db()
    assert not welsh_page.live

    # An alias of a live page is live: converting to one needs publish permission, as in Wagtail.
    alias = client.post(f"/admin/localize/page/{welsh_page.pk}/convert_to_alias/")
    assert_permission_denied(alias)
    welsh_page.refresh_from_db()
    assert (welsh_page.live, welsh_page.alias_of_id) == (False, None)

    # An editor is offered the choice.
    client.force_login(editor)
    assert b"publish_translations" in client.get(sync_url).content


def client_for(client, user):
    client.force_login(user)
    return client


def test_translators_cannot_publish_an_english_page(client, translator, editor, case_study):
    case_study.title = "Lunch club (draft)"
    case_study.save_revision(user=editor)
    client.force_login(translator)

    bulk = client.post(
        f"/admin/bulk/wagtailcore/page/publish/?id={case_study.pk}", {"include_descendants": ""}
    )
    unpublish = client.post(f"/admin/pages/{case_study.pk}/unpublish/")

    assert bulk.status_code == 302  # back to the form: nothing was published (checked below)
    assert_permission_denied(unpublish)
    case_study = CaseStudyPage.objects.get(pk=case_study.pk)
    assert case_study.live and case_study.title == "Lunch club"
    assert case_study.has_unpublished_changes
    assert not case_study.permissions_for_user(translator).can_publish()


def test_translators_translate_taxonomy_but_do_not_change_the_originals(
    client, translator, site_tree
):
    sector = Sector.objects.create(key="housing", name="Housing", locale=Locale.get_default())
    client.force_login(translator)

    response = client.post(
        f"/admin/localize/submit/snippet/casestudies/sector/{sector.pk}/",
        {"locales": [welsh().pk]},
    )

    assert response.status_code == 302
    welsh_sector = sector.get_translation(welsh())
    editor_page = client.get(f"/admin/snippets/casestudies/sector/edit/{welsh_sector.pk}/")
    assert editor_page.status_code == 200
    editor_props(editor_page)  # the Welsh term opens in the translation editor
    original = client.get(f"/admin/snippets/casestudies/sector/edit/{sector.pk}/", follow=True)
    assert b"not change the original" in original.content
    refused = client.post(
        f"/admin/snippets/casestudies/sector/edit/{sector.pk}/", {"name": "Taken", "key": "x"}
    )
    assert refused.status_code == 302
    sector.refresh_from_db()
    assert sector.name == "Housing"


def test_editors_still_change_the_english_taxonomy(client, editor, site_tree):
    sector = Sector.objects.create(key="housing", name="Housing", locale=Locale.get_default())
    client.force_login(editor)
    response = client.get(f"/admin/snippets/casestudies/sector/edit/{sector.pk}/")
    assert response.status_code == 200
    assert b"not change the original" not in response.content


# Machine translation ------------------------------------------------------------------------


def test_machine_translation_is_off_by_default(client, translator, case_study):
    assert settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR is None
    welsh_page = translate_into_welsh(client_for(client, translator), case_study)
    props = editor_props(client.get(f"/admin/pages/{welsh_page.pk}/edit/"))
    assert props["machineTranslator"] is None
    translation = Translation.objects.get(source__object_id=case_study.translation_key)
    refused = client.post(f"/admin/localize/translate/{translation.pk}/machine_translate/")
    assert refused.status_code != 200
    assert not StringTranslation.objects.filter(locale=welsh()).exists()


@override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=DUMMY_TRANSLATOR)
def test_a_configured_machine_translator_is_offered_and_works(client, translator, case_study):
    welsh_page = translate_into_welsh(client_for(client, translator), case_study)
    edit_url = f"/admin/pages/{welsh_page.pk}/edit/"
    props = editor_props(client.get(edit_url))
    assert props["machineTranslator"]["name"] == "Dummy translator"
    translation = Translation.objects.get(source__object_id=case_study.translation_key)

    response = client.post(
        f"/admin/localize/translate/{translation.pk}/machine_translate/", {"next": edit_url}
    )

    assert response.status_code == 302
    machine = StringTranslation.objects.get(
        translation_of=segment_for(case_study, SUMMARY).string, locale=welsh()
    )
    # The dummy translator reverses the words.
    assert machine.data == "themselves. run members its that club lunch A"
    assert machine.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE


def test_the_machine_translator_is_chosen_from_the_environment():
    assert machine_translator_from_env({}) is None
    assert machine_translator_from_env(
        {
            "HUB_MACHINE_TRANSLATOR": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
            "HUB_MACHINE_TRANSLATOR_OPTIONS": '{"AUTH_KEY": "k"}',
        }
    ) == {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": "k"},
    }
    with pytest.raises(ImproperlyConfigured, match="not valid JSON"):
        machine_translator_from_env(
            {"HUB_MACHINE_TRANSLATOR": "x.Y", "HUB_MACHINE_TRANSLATOR_OPTIONS": "{oops"}
        )


def test_setting_the_environment_variable_configures_the_site():
    """No code edited: the variable alone turns wagtail-localize's translator on."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hub.settings.test",
        "HUB_MACHINE_TRANSLATOR": DUMMY_TRANSLATOR["CLASS"],
    }
    script = (
        "import django; django.setup(); "
        "from wagtail_localize.machine_translators import get_machine_translator; "
        "print(type(get_machine_translator()).__name__)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    )
    assert result.stdout.strip() == "DummyTranslator"
