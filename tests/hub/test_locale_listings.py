"""Locale-aware search and listings: a Welsh visitor finds Welsh pages, named in Welsh.

The Welsh taxonomy is made the way an editor makes it: copy_for_translation of the English
snippets, renamed. Pages are translated with copy_for_translation and published.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from casestudies.models import CaseStudyIndexPage, CaseStudyPage, ClientGroup, PrincipleRating
from hub.models import LifeFactor, Principle
from search.models import SearchPage
from stories.models import StoryIndexPage
from tests.casestudies.factories import CaseStudyPageFactory, ClientGroupFactory, SectorFactory
from tests.hub.glossary import PRINCIPLE_NAMES
from tests.stories.factories import make_story

pytestmark = pytest.mark.django_db

WELSH_PRINCIPLES = PRINCIPLE_NAMES["cy"]
WELSH_LIFE_FACTORS = {"money": "Arian", "place": "Lle"}


def welsh():
    return Locale.objects.get(language_code="cy")


def translate_term(term, name):
    copy = term.copy_for_translation(welsh())
    copy.name = name
    copy.save()
    return copy


def translate(page, title, **changes):
    copy = page.copy_for_translation(welsh(), copy_parents=True)
    copy.title = title
    for name, value in changes.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return copy.specific_class.objects.get(pk=copy.pk)


@pytest.fixture
def welsh_taxonomy(site_tree):
    for key, name in WELSH_PRINCIPLES.items():
        translate_term(Principle.objects.get(key=key, locale__language_code="en"), name)
    for key, name in WELSH_LIFE_FACTORS.items():
        translate_term(LifeFactor.objects.get(key=key, locale__language_code="en"), name)


@pytest.fixture
def catalogue(site_tree, section, welsh_taxonomy):
    """An English case study with its Welsh translation, and the Welsh sections to show them."""
    sector = SectorFactory(key="adult-social-care", name="Adult social care")
    carers = ClientGroupFactory(key="carers", name="Carers")
    ClientGroupFactory(key="older-people", name="Older people")  # left untranslated
    translate_term(sector, "Gofal cymdeithasol i oedolion")
    translate_term(carers, "Gofalwyr")
    english = CaseStudyPageFactory(
        parent=section(CaseStudyIndexPage),
        title="Time bank in Leeds",
        slug="time-bank",
        sector=sector,
        client_groups=[carers],
        ratings={"assets": 3, "networks": 2},
        live=True,
    )
    translate(site_tree, "Hyb cydgynhyrchu")
    translate(section(CaseStudyIndexPage), "Astudiaethau achos")
    translate(section(SearchPage), "Chwilio")
    cymraeg = translate(english, "Banc amser yn Leeds", summary="Gwasanaeth a redir gyda'i bobl.")
    return {"en": english, "cy": cymraeg}


def titles(response):
    return [page.title for page in response.context["results"].object_list]


def facet_labels(response, name):
    facets = {facet.name: facet for facet in response.context["facets"]}
    return sorted(str(option.label) for option in facets[name].options)


def test_welsh_search_finds_only_welsh_pages(client, catalogue):
    assert titles(client.get("/cy/search/", {"q": "banc"})) == ["Banc amser yn Leeds"]
    # No English page has "banc": the English search may offer a close English word instead
    # ("did you mean"), but never the Welsh page.
    assert "Banc amser yn Leeds" not in titles(client.get("/en/search/", {"q": "banc"}))
    assert titles(client.get("/en/search/", {"q": "time bank"})) == ["Time bank in Leeds"]
    assert titles(client.get("/cy/search/", {"q": "time bank"})) == []


def test_welsh_search_facets_name_principles_in_welsh(client, catalogue):
    response = client.get("/cy/search/", {"q": "banc"})

    assert facet_labels(response, "principle") == ["Asedau", "Rhwydweithiau"]
    html = response.content.decode()
    assert "Asedau" in html and "Assets" not in html
    # Choosing one filters by the shared key and keeps the Welsh label.
    chosen = client.get("/cy/search/", {"q": "banc", "principle": "assets"})
    assert titles(chosen) == ["Banc amser yn Leeds"]


def test_an_untranslated_principle_is_offered_in_english_and_can_be_chosen(client, catalogue):
    english = Principle.objects.get(key="networks", locale__language_code="en")
    PrincipleRating.objects.filter(page=catalogue["cy"], principle__key="networks").update(
        principle=english
    )
    Principle.objects.get(key="networks", locale=welsh()).delete()  # "networks" not in Welsh

    response = client.get("/cy/search/", {"q": "banc"})
    assert facet_labels(response, "principle") == ["Asedau", "Networks"]

    chosen = client.get("/cy/search/", {"q": "banc", "principle": "networks"})
    assert chosen.context["chosen"].ignored == []
    assert titles(chosen) == ["Banc amser yn Leeds"]


def test_welsh_labels_even_when_ratings_point_at_english_principles(client, catalogue):
    """A translation whose ratings were synchronised as they were (still the English terms)."""
    page = catalogue["cy"]
    for rating in PrincipleRating.objects.filter(page=page).select_related("principle"):
        english = Principle.objects.get(key=rating.principle.key, locale__language_code="en")
        PrincipleRating.objects.filter(pk=rating.pk).update(principle=english)
    assert set(
        PrincipleRating.objects.filter(page=page).values_list("principle__locale__language_code")
    ) == {("en",)}

    search = client.get("/cy/search/", {"q": "banc"})
    detail = client.get("/cy/case-studies/time-bank/").content.decode()
    listing = client.get("/cy/case-studies/").content.decode()

    assert facet_labels(search, "principle") == ["Asedau", "Rhwydweithiau"]
    for html in (detail, listing):
        assert "Asedau" in html and "Rhwydweithiau" in html
        assert "Assets" not in html and "Networks" not in html


def test_welsh_case_study_names_its_taxonomy_in_welsh(client, catalogue):
    html = client.get("/cy/case-studies/time-bank/").content.decode()

    assert "<h1>Banc amser yn Leeds</h1>" in html
    assert "Gofal cymdeithasol i oedolion" in html and "Gofalwyr" in html
    for name in WELSH_PRINCIPLES.values():
        assert name in html
    assert "Adult social care" not in html and "Carers" not in html


def test_welsh_catalogue_lists_welsh_case_studies_with_welsh_facets(client, catalogue):
    response = client.get("/cy/case-studies/")
    facets = {facet.name: facet for facet in response.context["catalogue"].facets}

    assert [page.title for page in response.context["catalogue"].pages] == ["Banc amser yn Leeds"]
    assert [label for _key, label in facets["principle"].choices] == list(WELSH_PRINCIPLES.values())
    assert facets["sector"].choices == [("adult-social-care", "Gofal cymdeithasol i oedolion")]
    # An untranslated term keeps its English name rather than disappearing.
    assert sorted(facets["client_group"].choices) == [
        ("carers", "Gofalwyr"),
        ("older-people", "Older people"),
    ]
    counts = {option.value: option.count for option in facets["client_group"].options}
    assert counts == {"carers": 1, "older-people": 0}

    english = client.get("/en/case-studies/")
    assert [page.title for page in english.context["catalogue"].pages] == ["Time bank in Leeds"]
    english_facets = {facet.name: facet for facet in english.context["catalogue"].facets}
    assert ("assets", "Assets") in english_facets["principle"].choices


def test_welsh_catalogue_queries_do_not_grow_with_translations(client, catalogue, section):
    index = section(CaseStudyIndexPage)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/cy/case-studies/").status_code == 200
        return len(captured)

    few = queries()
    for number in range(4):
        english = CaseStudyPageFactory(
            parent=index,
            title=f"Service {number}",
            client_groups=list(ClientGroup.objects.filter(locale__language_code="en")),
            ratings={"assets": 2, "catalysts": 3},
            live=True,
        )
        translate(english, f"Gwasanaeth {number}")
    assert CaseStudyPage.objects.filter(locale=welsh()).live().count() == 5

    assert queries() == few


def test_welsh_catalogue_is_query_bounded(client, catalogue, django_assert_max_num_queries):
    # 45 since the catalogue offers themes, framework elements, funding mechanisms and source
    # reports as facets: their options take 5 queries, whatever the number of case studies; 47
    # since every page reads its site text in its language and lists the trust pages.
    with django_assert_max_num_queries(47):
        client.get("/cy/case-studies/", {"principle": "assets", "client_group": "carers"})


@pytest.fixture
def welsh_story(site_tree, section, welsh_taxonomy):
    money = LifeFactor.objects.get(key="money", locale__language_code="en")
    place = LifeFactor.objects.get(key="place", locale__language_code="en")
    story = make_story(
        section(StoryIndexPage),
        title="My market day",
        life_factors=[money, place],
        publish=True,
        consent_translate=True,
    )
    translate(site_tree, "Hyb cydgynhyrchu")
    translate(section(SearchPage), "Chwilio")
    return translate(story, "Fy niwrnod marchnad")


def test_welsh_stories_listing_offers_life_factors_in_welsh(client, welsh_story):
    response = client.get("/cy/stories/")
    html = response.content.decode()
    choices = dict(response.context["listing"].facet["factor"].choices)

    assert choices["money"] == "Arian" and choices["place"] == "Lle"
    # Untranslated factors keep their English names rather than vanishing from the filter.
    assert choices["individuality"] == "Individuality"
    assert 'value="money">' in html and ">Arian <span" in html
    assert "Fy niwrnod marchnad" in html and "My market day" not in html


def test_welsh_stories_filter_by_a_life_factor_finds_the_welsh_story(client, welsh_story):
    response = client.get("/cy/stories/", {"factor": "money"})

    listing = response.context["listing"]
    assert [story.title for story in listing.pages] == ["Fy niwrnod marchnad"]
    assert [chip.value_label for chip in listing.active_filters] == ["Arian"]


def test_welsh_search_life_factor_facet_in_welsh(client, welsh_story):
    response = client.get("/cy/search/", {"q": "marchnad"})

    assert titles(response) == ["Fy niwrnod marchnad"]
    assert facet_labels(response, "life_factor") == ["Arian", "Lle"]


def test_welsh_listings_include_untranslated_pages_in_english_counted_in_the_facets(
    client, catalogue, section
):
    CaseStudyPageFactory(
        parent=section(CaseStudyIndexPage),
        title="Untranslated service",
        client_groups=list(ClientGroup.objects.filter(key="carers", locale__language_code="en")),
        live=True,
    )

    response = client.get("/cy/case-studies/")

    listing = response.context["catalogue"]
    assert sorted(page.title for page in listing.pages) == [
        "Banc amser yn Leeds",
        "Untranslated service",
    ]  # the English source of the translated page is not listed twice
    counts = {option.value: option.count for option in listing.facet["client_group"].options}
    assert counts["carers"] == 2
    html = response.content.decode()
    assert '<li class="card case-card" lang="en">' in html
    assert html.count('class="card__language"') == 1
    csv_text = b"".join(
        client.get("/cy/case-studies/", {"format": "csv"}).streaming_content
    ).decode()
    assert "Untranslated service" in csv_text and "Banc amser yn Leeds" in csv_text
    assert "Time bank in Leeds" not in csv_text


def test_welsh_stories_list_an_untranslated_story_without_a_filter(client, welsh_story, section):
    make_story(section(StoryIndexPage), title="Only in English", publish=True)

    listing = client.get("/cy/stories/").context["listing"]

    assert sorted(story.title for story in listing.pages) == [
        "Fy niwrnod marchnad",
        "Only in English",
    ]
    assert not listing.is_filtered
