"""Frameworks beyond the six principles, theme pages and currency (issue 21, parts 2, 3 and 7):
the importer's new records, their pages, and the catalogue's new facets."""

import json
from pathlib import Path

import pytest
from wagtail.models import Page

import casestudies
from casestudies import importer
from casestudies.models import (
    CaseStudyPage,
    Framework,
    FrameworkElement,
    FrameworkElementPage,
    FrameworkIndexPage,
    FrameworkPage,
    Theme,
    ThemeIndexPage,
    ThemePage,
)
from tests.casestudies.conftest import with_frameworks
from tests.stories.factories import make_story
from tests.toolkits.factories import ToolkitPageFactory
from toolkits.models import ToolkitIndexPage

pytestmark = pytest.mark.django_db

DEMO = Path(casestudies.__file__).parent / "demo"


@pytest.fixture
def framework_file(small_catalogue):
    """The small catalogue with two frameworks, two themes and tags on two case studies."""
    return with_frameworks(small_catalogue)


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Framework, FrameworkElement, FrameworkPage, FrameworkElementPage, ThemePage)
    }


def test_import_makes_frameworks_elements_themes_and_their_pages_once(site_tree, framework_file):
    importer.run(framework_file)

    element = FrameworkElement.objects.get(key="reciprocity")
    assert element.framework.key == "cahn-core-values"
    assert element.question_list == ["Who gives back?", "What stops them?"]
    assert Framework.objects.get(key="cahn-core-values").origin == "Edgar Cahn"
    theme = Theme.objects.get(key="access")
    assert theme.cause_list == ["Office hours only.", "Rigid eligibility rules."]
    assert theme.change_list == ["Services meet people where they are."]
    riverside = CaseStudyPage.objects.get(slug="riverside-time-bank")
    assert sorted(e.key for e in riverside.framework_elements.all()) == [
        "reciprocity",
        "safe-environments",
    ]
    # A page for every framework (under Frameworks), element (under its framework) and theme.
    index = FrameworkIndexPage.objects.get()
    framework_page = FrameworkPage.objects.get(framework__key="cahn-core-values")
    assert framework_page.get_parent().pk == index.pk
    element_page = FrameworkElementPage.objects.get(element__key="reciprocity")
    assert element_page.get_parent().pk == framework_page.pk and element_page.live
    assert ThemePage.objects.get(theme__key="access").get_parent().pk == (
        ThemeIndexPage.objects.get().pk
    )
    assert counts() == {
        "Framework": 2,
        "FrameworkElement": 3,
        "FrameworkPage": 2,
        "FrameworkElementPage": 3,
        "ThemePage": 2,
    }

    # Importing again changes nothing; a changed element is updated in place.
    before = counts()
    report = importer.run(framework_file)
    assert report.created == [] and report.updated == []
    framework_file["frameworks"][0]["elements"][0]["description"] = "Help flows both ways."
    framework_file["case_studies"][1]["framework_elements"] = ["cahn-core-values:assets"]
    report = importer.run(framework_file)
    assert report.updated == ["framework element reciprocity", "case study riverside-time-bank"]
    assert FrameworkElement.objects.get(key="reciprocity").description == "Help flows both ways."
    assert [e.key for e in riverside.get_latest_revision_as_object().framework_elements.all()] == [
        "assets"
    ]
    assert counts() == before


def test_bad_frameworks_and_references_are_reported_and_nothing_is_written(
    site_tree, framework_file
):
    framework_file["frameworks"][1]["elements"].append({"key": "reciprocity", "name": "Again"})
    framework_file["frameworks"].append({"key": "empty", "name": "Empty", "elements": []})
    framework_file["frameworks"][0]["elements"][1]["questions"] = "Not a list"
    framework_file["themes"][0]["causes"] = ["x" * 1500, "y" * 600]
    studies = framework_file["case_studies"]
    studies[0]["framework_elements"] = ["trauma-informed:reciprocity", "cahn-core-values:nope"]

    with pytest.raises(importer.CatalogueInvalid) as raised:
        importer.run(framework_file)

    assert [str(p) for p in raised.value.problems] == [
        'themes[0] "access", field causes: is 2101 characters long in all; the limit is 2000',
        'frameworks[0] "cahn-core-values", field elements[1].questions: must be a list, '
        "got 'Not a list'",
        'frameworks[1] "trauma-informed", field elements[1].key: "reciprocity" is already an '
        'element of "cahn-core-values" (element keys are unique across frameworks)',
        'frameworks[2] "empty", field elements: must be a non-empty list of elements',
        'case_studies[0] "harbour-peer-network", field framework_elements[0]: unknown framework '
        "element 'trauma-informed:reciprocity' (add it to the file's frameworks)",
        'case_studies[0] "harbour-peer-network", field framework_elements[1]: unknown framework '
        "element 'cahn-core-values:nope' (add it to the file's frameworks)",
    ]
    assert counts() == dict.fromkeys(counts(), 0)
    assert not CaseStudyPage.objects.exists()


def test_element_page_shows_meaning_questions_and_who_shows_it(
    client, site_tree, framework_file, django_assert_max_num_queries
):
    importer.run(framework_file)
    element = FrameworkElement.objects.get(key="reciprocity")
    toolkits = ToolkitIndexPage.objects.get()
    tagged = ToolkitPageFactory(parent=toolkits, title="Running a swap shop")
    tagged.framework_elements.set([element])
    tagged.save()
    ToolkitPageFactory(parent=toolkits, title="An unrelated toolkit")
    # A draft case study tagged with the element is not shown.
    draft = CaseStudyPage.objects.get(slug="carers-design-lab")
    draft.framework_elements.set([element])
    draft.save()
    draft.unpublish()
    page = FrameworkElementPage.objects.get(element=element)

    # The page and its lists, and the site's chrome: menus, language links, site text, footer.
    with django_assert_max_num_queries(48):
        response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Help runs both ways." in html
    assert "<li>Who gives back?</li>" in html
    assert "Harbour Peer Network" in html and "Riverside Time Bank" in html
    assert "Carers Design Lab" not in html
    assert "2 case studies show Reciprocity." in html
    assert "?framework_element=reciprocity" in html
    assert "Running a swap shop" in html and "An unrelated toolkit" not in html
    # Resources sharing keywords with those case studies; none sharing no keyword.
    assert "Designing Together (film)" in html and "A Guide to Peer Support" in html

    # The framework's page lists its elements; the section lists the principles and frameworks.
    html = client.get(page.get_parent().url).content.decode()
    assert "Reciprocity" in html and "Assets" in html and "Safe environments" not in html
    html = client.get(FrameworkIndexPage.objects.get().url).content.decode()
    assert "Principles" in html and "Four core values" in html
    assert "Trauma-informed principles" in html


def test_theme_page_shows_issue_causes_change_and_stories_sharing_keywords(
    client, site_tree, framework_file, django_assert_max_num_queries
):
    importer.run(framework_file)
    # Keywords match whatever their case: the catalogue's "Peer Support" is a story's
    # "peer support".
    make_story(title="Mornings at the group", keywords=["peer support"], publish=True)
    make_story(title="A day at the allotment", keywords=["gardening"], publish=True)
    make_story(title="Not yet published", keywords=["peer support"])
    page = ThemePage.objects.get(theme__key="access")

    # The page and its lists, and the site's chrome: menus, language links, site text, footer.
    with django_assert_max_num_queries(48):
        response = client.get(page.url)
    html = response.content.decode()
    assert "Services are hard to get into." in html
    assert "<li>Office hours only.</li>" in html and "<li>Rigid eligibility rules.</li>" in html
    assert "What change looks like" in html and "Services meet people where they are." in html
    assert "Harbour Peer Network" in html and "Riverside Time Bank" not in html
    assert "?theme=access" in html
    assert "Mornings at the group" in html
    assert "A day at the allotment" not in html and "Not yet published" not in html

    index_html = client.get(ThemeIndexPage.objects.get().url).content.decode()
    assert "Access and transitions" in index_html and "Services are hard to get into." in index_html


def test_catalogue_filters_by_theme_framework_element_funding_and_source(
    client, site_tree, framework_file
):
    framework_file["funding_mechanisms"] = [{"key": "isf", "name": "Individual service funds"}]
    framework_file["source_reports"] = [{"key": "the-report", "name": "The report"}]
    studies = {record["slug"]: record for record in framework_file["case_studies"]}
    studies["carers-design-lab"]["funding_mechanisms"] = ["isf"]
    studies["carers-design-lab"]["source_report"] = "the-report"
    studies["riverside-time-bank"]["source_report"] = "the-report"
    importer.run(framework_file)
    index = Page.objects.get(slug="case-studies")

    for query, expected in [
        ("?theme=access", ["Harbour Peer Network"]),
        ("?framework_element=reciprocity", ["Harbour Peer Network", "Riverside Time Bank"]),
        ("?framework_element=safe-environments", ["Riverside Time Bank"]),
        ("?funding=isf", ["Carers Design Lab"]),
        ("?source=the-report", ["Carers Design Lab", "Riverside Time Bank"]),
        ("?source=the-report&framework_element=reciprocity", ["Riverside Time Bank"]),
    ]:
        catalogue = client.get(index.url + query).context["catalogue"]
        assert sorted(page.title for page in catalogue.pages) == expected, query
    elements = catalogue.facet["framework_element"]
    assert elements.label_for("reciprocity") == "Four core values: Reciprocity"
    # The count beside an element: how many of the current results show it.
    counts = {option.value: option.count for option in elements.options}
    assert counts["reciprocity"] == 1 and counts.get("safe-environments") == 1


def test_every_demo_case_study_says_when_it_was_reviewed_and_old_nhs_settings_are_explained():
    catalogue = json.loads((DEMO / "catalogue.json").read_text())["case_studies"]
    knowledge = json.loads((DEMO / "knowledge_base.json").read_text())["case_studies"]
    assert all(record.get("last_reviewed") for record in catalogue + knowledge)
    # The People Powered Health case studies funded by primary care trusts (abolished in 2013)
    # say what has changed since.
    for record in catalogue:
        text = json.dumps(record)
        if "Primary Care Trust" in text or "primary care trust" in text:
            assert "2013" in record["historical_context"], record["slug"]


def test_case_study_page_says_when_it_was_not_yet_reviewed(client, site_tree, small_catalogue):
    del small_catalogue["case_studies"][0]["last_reviewed"]
    importer.run(small_catalogue)
    html = client.get(CaseStudyPage.objects.get(slug="harbour-peer-network").url).content.decode()
    assert "Last reviewed" in html and "Not yet reviewed" in html
