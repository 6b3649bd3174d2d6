"""Translated content: what wagtail-localize translates or keeps in step, Welsh taxonomy on Welsh
pages, the demo translations loader, and query bounds of translated listings."""

import json
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Locale, Page, Revision
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from casestudies.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    PrincipleIndexPage,
    PrinciplePage,
    SeeAlso,
)
from hub.models import HomePage, LifeFactor, Principle
from provisioning.demo_translations import DATA_DIR, data_files, read
from stories.models import ConsentRecord, StoryPage
from tests.casestudies.factories import (
    CaseStudyPageFactory,
    ClientGroupFactory,
    SectorFactory,
)
from tests.hub.glossary import PRINCIPLE_NAMES
from tests.stories.factories import make_story

# These tests look inside the search and its rendering (context, engine connections), so each
# request must really be served: the page cache (tested in tests/hub/test_page_cache.py) is off.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached")]

WELSH_PRINCIPLES = PRINCIPLE_NAMES["cy"]


def welsh():
    return Locale.objects.get(language_code="cy")


def translate(instance, locale, text=lambda source: f"[cy] {source}"):
    """Translate every string of `instance` through wagtail-localize, as a translator would."""
    source, _ = TranslationSource.update_or_create_from_instance(instance)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": text(segment.string.data), "translation_type": "manual"},
        )
    if isinstance(instance, Page):
        translation.save_target(publish=False)
        target = source.get_translated_instance(locale)
        target.get_latest_revision().publish()
        return type(instance).objects.get(pk=target.pk)
    translation.save_target(publish=True)
    return source.get_translated_instance(locale)


def segment_texts(instance):
    source, _ = TranslationSource.update_or_create_from_instance(instance)
    return {
        s.string.data for s in StringSegment.objects.filter(source=source).select_related("string")
    }


def translate_principles(locale):
    for principle in Principle.objects.filter(locale=Locale.get_default()):
        translate(
            principle,
            locale,
            lambda s, p=principle: (
                WELSH_PRINCIPLES.get(p.key, f"[cy] {s}") if s == p.name else f"[cy] {s}"
            ),
        )


def welsh_catalogue_index(site_tree, section):
    """The Welsh home page and case studies index, translated."""
    translate(site_tree, welsh())
    return translate(section(CaseStudyIndexPage), welsh())


def main_text(response):
    html = response.content.decode()
    return re.search(r"<main.*</main>", html, re.S).group(0)


# Field configuration ---------------------------------------------------------------------------


def test_case_study_translates_text_and_keeps_ratings_depth_and_figures_in_step(site_tree, section):
    index = section(CaseStudyIndexPage)
    english = CaseStudyPageFactory(
        parent=index,
        title="Peer support café",
        summary="People run the café together.",
        ratings={"networks": 3, "assets": 1},
        depth_level="intermediate",
        evidence=[
            ("evidence", {"statement": "Fewer admissions", "figure": "34%", "unit": "% fewer"})
        ],
    )
    texts = segment_texts(english)
    assert {"Peer support café", "People run the café together.", "Fewer admissions"} <= texts
    assert "34%" not in texts  # figures are data
    assert "intermediate" not in texts and "england" not in texts  # choices are synchronised
    assert english.slug not in texts  # slugs are synchronised

    welsh_catalogue_index(site_tree, section)
    cy = translate(english, welsh())
    assert cy.title == "[cy] Peer support café"
    assert cy.slug == english.slug
    assert cy.evidence[0].value["figure"] == "34%"
    assert cy.evidence[0].value["statement"] == "[cy] Fewer admissions"

    # The source changes its ratings, depth and figure; syncing carries them over and keeps
    # the Welsh wording.
    rating = english.principle_ratings.get(principle__key="networks")
    rating.strength = 1
    rating.save()
    english.depth_level = "transformative"
    english.evidence[0].value["figure"] = "40%"
    english.save_revision().publish()
    english.refresh_from_db()
    cy = translate(english, welsh())

    assert {r.principle.key: r.strength for r in cy.principle_ratings.all()} == {
        "networks": 1,
        "assets": 1,
    }
    assert cy.depth_level == "transformative"
    assert cy.evidence[0].value["figure"] == "40%"
    assert cy.title == "[cy] Peer support café"


def test_taxonomy_keys_and_colours_are_kept_and_names_translated(site_tree):
    principle = Principle.objects.get(key="networks", locale=Locale.get_default())
    texts = segment_texts(principle)
    assert principle.name in texts and principle.short_description in texts
    assert principle.key not in texts and principle.colour not in texts

    cy = translate(principle, welsh())
    assert (cy.key, cy.colour, cy.order) == (principle.key, principle.colour, principle.order)
    assert cy.name == "[cy] Networks"


def test_home_route_paths_are_not_offered_for_translation(site_tree):
    texts = segment_texts(site_tree)
    assert "Share your story" in texts
    assert "stories/share/" not in texts

    cy = translate(site_tree, welsh())
    routes = [block.value for block in cy.routes]
    assert [r["url"] for r in routes] == [r.value["url"] for r in site_tree.routes]
    assert routes[1]["heading"] == "[cy] Share your story"


def test_reflective_questions_imported_as_plain_lists_are_offered_for_translation(
    site_tree, section, tmp_path
):
    # The demo catalogue's Headway, with the catalogue's terms but not its links to other case
    # studies: importing all of it took a minute on PostgreSQL, for one page looked at.
    catalogue = json.loads((DATA_DIR.parents[2] / "casestudies/demo/catalogue.json").read_text())
    catalogue["case_studies"] = [
        dict(record, see_also=[])
        for record in catalogue["case_studies"]
        if record["slug"] == "headway-east-london"
    ]
    catalogue["resources"] = []
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps(catalogue), encoding="utf-8")
    call_command("import_catalogue", str(path), stdout=StringIO())
    headway = CaseStudyPage.objects.get(slug="headway-east-london", locale=Locale.get_default())
    assert "Which jobs in your service could people who use it take on?" in segment_texts(headway)


def test_story_translation_copies_no_consent_and_shares_the_source_consent(site_tree):
    factor = LifeFactor.objects.get(key="money", locale=Locale.get_default())
    story = make_story(publish=True, consent_translate=True, life_factors=[factor])
    texts = segment_texts(story)
    assert story.pseudonym not in texts  # the chosen name is the same in every language
    translate(factor, welsh())
    translate(story.get_parent().get_parent().specific, welsh())
    translate(story.get_parent().specific, welsh())

    cy = translate(story, welsh())

    assert ConsentRecord.objects.count() == 1  # never copied
    assert not ConsentRecord.objects.filter(story=cy).exists()
    assert cy.get_consent() == story.consent
    assert cy.pseudonym == story.pseudonym
    assert [f.locale_id for f in cy.life_factors.all()] == [welsh().pk]


# Welsh taxonomy on Welsh pages ----------------------------------------------------------------


def test_welsh_case_study_shows_welsh_principle_sector_and_group_labels(client, site_tree, section):
    sector = SectorFactory(key="disability", name="Disability")
    group = ClientGroupFactory(key="carers", name="Carers")
    index = section(CaseStudyIndexPage)
    english = CaseStudyPageFactory(
        parent=index,
        title="Headway",
        ratings=dict.fromkeys(WELSH_PRINCIPLES, 3),
        sector=sector,
        client_groups=[group],
    )
    other = CaseStudyPageFactory(parent=index, title="Skillnet")
    SeeAlso.objects.create(page=english, target=other)
    english.refresh_from_db()
    english.save_revision().publish()
    translate_principles(welsh())
    translate(sector, welsh(), lambda s: "Anabledd")
    translate(group, welsh(), lambda s: "Gofalwyr")
    welsh_catalogue_index(site_tree, section)

    cy = translate(english, welsh())
    main = main_text(client.get(f"/cy/case-studies/{cy.slug}/"))

    for key, name in WELSH_PRINCIPLES.items():
        assert name in main
        assert Principle.objects.get(key=key, locale=Locale.get_default()).name not in main
    assert "Anabledd" in main and "Disability" not in main
    assert "Gofalwyr" in main and "Carers" not in main
    # An untranslated "see also" case study would be English on a Welsh page: left out.
    assert "Skillnet" not in main
    assert {r.principle.locale_id for r in cy.principle_ratings.all()} == {welsh().pk}
    # The English page still points at the English terms.
    english.refresh_from_db()
    assert english.sector == sector
    assert {r.principle.locale_id for r in english.principle_ratings.all()} == {
        Locale.get_default().pk
    }


def test_terms_translated_later_are_picked_up_when_the_page_is_synced(site_tree, section):
    index = section(CaseStudyIndexPage)
    english = CaseStudyPageFactory(parent=index, ratings={"assets": 2})
    welsh_catalogue_index(site_tree, section)
    cy = translate(english, welsh())
    assert cy.principle_ratings.get().principle.locale == Locale.get_default()

    translate_principles(welsh())
    cy = translate(english, welsh())

    assert cy.principle_ratings.get().principle.name == "Asedau"


# Demo translations ----------------------------------------------------------------------------


def counts_in(language):
    """What the demo translations make in one language: pages, their revisions, translations,
    translated strings and principles."""
    locale = Locale.objects.get(language_code=language)
    pages = [str(pk) for pk in Page.objects.filter(locale=locale).values_list("pk", flat=True)]
    return (
        len(pages),
        Revision.page_revisions.filter(object_id__in=pages).count(),
        Translation.objects.filter(target_locale=locale).count(),
        StringTranslation.objects.filter(locale=locale).count(),
        Principle.objects.filter(locale=locale).count(),
    )


def ruils(language):
    """RUILS's case study in `language`: it is translated in a split file (es-case-studies.json,
    cy-case-studies.json), not in the language's main one."""
    return Page.objects.get(locale__language_code=language, url_path__endswith="/ruils/")


def test_demo_translations_are_live_served_and_load_once(client, demo_site, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # The demo site has every file loaded (tests/conftest.py). RUILS is taken down in both
    # languages, so that loading one language can be seen to bring back its own and no other.
    for language in ("es", "cy"):
        ruils(language).specific.unpublish()

    # --language es takes every Spanish file (es.json, es-case-studies.json...) and no Welsh one.
    report = StringIO()
    call_command("load_demo_content", "--only", "translations", "--language", "es", stdout=report)
    assert ruils("es").live and not ruils("cy").live
    assert report.getvalue().startswith("es: 1 translated or updated, ")
    assert "cy:" not in report.getvalue()
    response = client.get("/es/case-studies/ruils/")
    assert '<html lang="es"' in response.content.decode()
    assert "RUILS es una organización benéfica" in main_text(response)
    assert "RUILS is a charity" not in main_text(response)

    spanish = counts_in("es")

    # Every file again: it puts back the Welsh RUILS and changes nothing of the Spanish ones.
    report = StringIO()
    call_command("load_demo_content", "--only", "translations", stdout=report)

    assert ruils("cy").live
    assert counts_in("es") == spanish
    changed = dict(re.findall(r"(\w+): (\d+) translated or updated", report.getvalue()))
    assert changed == {"cy": "1", "es": "0"}
    for language in ("cy", "es"):
        locale = Locale.objects.get(language_code=language)
        assert Principle.objects.filter(locale=locale).count() == 6
    for path in data_files():
        data = read(path)
        language = data["language"]
        locale = Locale.objects.get(language_code=language)
        for item in data["pages"]:
            page = Page.objects.get(
                locale=locale, url_path=HomePage.objects.get(locale=locale).url_path + item["path"]
            )
            assert page.live and not page.has_unpublished_changes, page.url_path
            assert Translation.objects.filter(
                source__object_id=page.translation_key, target_locale=locale
            ).exists()
            if path.stem != language:
                continue  # the split files hold many pages: all checked live above, RUILS fetched
            response = client.get(f"/{language}/{item['path']}")
            # A private page (a forum's working notes) asks visitors to log in, as in English.
            expected = 302 if page.get_view_restrictions().exists() else 200
            assert response.status_code == expected, item["path"]

    cy_home = main_text(client.get("/cy/"))
    assert "Hyb cydgynhyrchu" in cy_home and "Dod o hyd i enghreifftiau" in cy_home
    es_case = main_text(client.get("/es/case-studies/nurse-family-partnership/"))
    assert "Reciprocidad" in es_case and "Salud comunitaria" in es_case
    assert "Mutuality" not in es_case and "Community health" not in es_case
    cy_principles = main_text(client.get("/cy/principles/"))
    assert "Dwyochredd" in cy_principles and "Mutuality" not in cy_principles
    # A case study from cy-case-studies.json, in Welsh throughout its text.
    response = client.get("/cy/case-studies/ruils/")
    cy_case = main_text(response)
    assert '<html lang="cy"' in response.content.decode()
    assert "Elusen yn Richmond, Llundain" in cy_case and "Gwefan RUILS" in cy_case
    assert "RUILS is a charity" not in cy_case and "RUILS website" not in cy_case

    # es-library.json: a toolkit, the evidence page's tables and a demo story, in Spanish.
    es_toolkit = main_text(client.get("/es/toolkits/starting-a-time-bank-or-time-credits-scheme/"))
    assert "Designe a una persona gestora del tiempo" in es_toolkit
    assert "Name a time broker" not in es_toolkit
    es_evidence = client.get("/es/evidence/international-survey-of-personalised-support/")
    captions = re.findall(r"<caption[^>]*>\s*(.*?)\s*</caption>", es_evidence.text, re.S)
    assert "Quién respondió, por país" in captions[0], captions
    assert not any("Who answered" in caption for caption in captions)
    es_story = client.get("/es/stories/demo-my-money-my-week/")
    assert 'lang="es"' in es_story.text
    story_text = main_text(es_story)
    assert "Mi dinero, mi semana" in story_text and "Lo guardo en tres sobres" in story_text
    assert "three envelopes" not in story_text

    # cy-library.json: a toolkit, the evidence page (its tables' captions) and a story whose
    # composite consents to translation really come out in Welsh.
    toolkit = main_text(client.get("/cy/toolkits/setting-up-peer-support/"))
    assert "Sefydlu cymorth gan gymheiriaid" in toolkit and "Ask who wants it" not in toolkit
    evidence = client.get("/cy/evidence/international-survey-of-personalised-support/")
    assert 'lang="cy"' in evidence.content.decode()
    captions = re.findall(r"<caption[^>]*>(.*?)</caption>", main_text(evidence), re.S)
    assert any("Pwy atebodd, fesul gwlad" in caption for caption in captions), captions
    assert not any("Who answered, by country" in caption for caption in captions)
    story = StoryPage.objects.get(locale__language_code="cy", slug="demo-my-money-my-week")
    assert story.get_consent().translate
    story_text = main_text(client.get("/cy/stories/demo-my-money-my-week/"))
    assert "Fy arian, fy wythnos" in story_text and "tair amlen" in story_text
    assert "three envelopes" not in story_text


def test_demo_loader_fails_on_a_missing_string_and_changes_nothing(tmp_path, site_tree):
    data = json.loads((DATA_DIR / "cy.json").read_text(encoding="utf-8"))
    # The bootstrapped objects only (no demo catalogue), with one string left out.
    # (Keyword names come with the catalogue's keywords, so they are left out too.)
    data["snippets"] = [
        item
        for item in data["snippets"]
        if item["model"].startswith("hub.") and item["model"] != "hub.Keyword"
    ]
    data["pages"] = [item for item in data["pages"] if item["path"] in ("", "principles/")]
    del data["pages"][1]["strings"][
        "Six principles describe what co-production looks like in practice."
    ]
    broken = tmp_path / "cy.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    before = (Page.objects.count(), Principle.objects.count(), TranslationSource.objects.count())

    from provisioning import demo_translations

    with pytest.raises(demo_translations.TranslationDataError) as error:
        demo_translations.load([broken])

    assert error.value.problems == [
        "cy.json: page /principles/, field introduction: no translation for "
        "'Six principles describe what co-production looks like in practice.'"
    ]
    after = (Page.objects.count(), Principle.objects.count(), TranslationSource.objects.count())
    assert after == before
    assert not StringTranslation.objects.exists()


def test_demo_loader_command_reports_problems_cleanly(site_tree):
    # The demo catalogue is not loaded: every case study page is missing, nothing is loaded.
    with pytest.raises(CommandError, match="no English page at /case-studies/headway-east-london/"):
        call_command("load_demo_content", "--only", "translations", "--language", "cy")
    # --language cy checks every Welsh file (cy-library.json too), not only cy.json.
    with pytest.raises(CommandError, match="cy-library.json: .*no English page at /toolkits/"):
        call_command("load_demo_content", "--only", "translations", "--language", "cy")
    assert not Page.objects.filter(locale__language_code="cy").exists()
    assert not Principle.objects.filter(locale__language_code="cy").exists()
    # A language split over several files is checked whole: es.json and es-library.json.
    with pytest.raises(CommandError) as error:
        call_command("load_demo_content", "--only", "translations", "--language", "es")
    assert "es.json: pages[" in str(error.value) and "es-library.json: pages[" in str(error.value)


# Query bounds ---------------------------------------------------------------------------------

# Measured at 35, 32 and 36 queries for both sizes (the same as 3 pages at 15); 38 since the
# listing engine also lists the pages not yet translated and the catalogue gained themes and
# funding; 43 since the catalogue offers themes, framework elements, funding mechanisms and
# source reports as facets (their options in 5 queries): still the same for both sizes, which is
# what this test guards; 46 since every page reads its site text in the visitor's language and
# lists the trust pages in its footer.
WELSH_LISTING_QUERY_BOUND = 46


def welsh_catalogue(site_tree, section, how_many):
    """`how_many` Welsh case studies (copied as wagtail-localize's first step does)."""
    cy = welsh()
    translate_principles(cy)
    sector = SectorFactory(key="mental-health")
    translate(sector, cy)
    index = section(CaseStudyIndexPage)
    welsh_catalogue_index(site_tree, section)
    principles_index = translate(section(PrincipleIndexPage), cy)
    for principle in Principle.objects.filter(locale=Locale.get_default()):
        page = PrinciplePage(
            title=principle.name, slug=principle.key.replace("_", "-"), principle=principle
        )
        section(PrincipleIndexPage).add_child(instance=page)
        page.save_revision().publish()
        welsh_page = page.copy_for_translation(cy)
        welsh_page.save_revision().publish()
    for n in range(how_many):
        english = CaseStudyPageFactory(
            parent=index,
            ratings={"networks": 3, "assets": n % 4},
            keywords=["Peer Support"],
            sector=sector,
        )
        welsh_page = english.copy_for_translation(cy)
        welsh_page.save_revision().publish()
    return principles_index


@pytest.mark.parametrize("how_many", [3, 15])
def test_welsh_listings_do_not_grow_queries_with_translated_pages(
    client, site_tree, section, django_assert_max_num_queries, how_many
):
    welsh_catalogue(site_tree, section, how_many)
    assert CaseStudyPage.objects.live().filter(locale=welsh()).count() == how_many
    client.get("/cy/case-studies/")  # warm the site-root cache, as on a running site

    for url in ("/cy/case-studies/", "/cy/principles/", "/cy/principles/networks/"):
        with django_assert_max_num_queries(WELSH_LISTING_QUERY_BOUND):
            response = client.get(url)
        assert response.status_code == 200
    listing = main_text(client.get("/cy/case-studies/"))
    assert "Rhwydweithiau" in listing and "Networks" not in listing


def test_demo_loader_refuses_a_page_translated_in_two_files(tmp_path, site_tree):
    data = json.loads((DATA_DIR / "cy.json").read_text(encoding="utf-8"))
    data["snippets"] = []
    data["pages"] = [item for item in data["pages"] if item["path"] == ""]
    first, second = tmp_path / "cy.json", tmp_path / "cy-more.json"
    for path in (first, second):
        path.write_text(json.dumps(data), encoding="utf-8")

    from provisioning import demo_translations

    with pytest.raises(demo_translations.TranslationDataError) as error:
        demo_translations.load([first, second])

    assert error.value.problems == ["cy-more.json: page / is translated in cy.json already"]
    assert not StringTranslation.objects.exists()
