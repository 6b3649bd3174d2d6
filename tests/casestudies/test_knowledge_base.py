"""The knowledge base: case studies from every source report, "not assessed" ratings, themes,
funding mechanisms, sources and currency, loaded by the catalogue importer."""

import datetime
import json
from pathlib import Path

import pytest
from django.template import Context, Template
from wagtail.models import Locale, Revision

import casestudies
from casestudies import importer
from casestudies.models import (
    CaseStudyPage,
    ClientGroup,
    FundingMechanism,
    PrinciplePage,
    Sector,
    SourceReport,
    Theme,
)
from hub.models import Principle
from toolkits.recommendations import case_studies_for

pytestmark = pytest.mark.django_db

DEMO = Path(casestudies.__file__).parent / "demo"


def knowledge_record(**changes):
    """One case study in the knowledge-base style: not assessed, with source and funding."""
    record = {
        "slug": "alliance-demo",
        "title": "An alliance for complex needs",
        "summary": "Providers and commissioners hold one contract together.",
        "location": "Plymouth",
        "country": "england",
        "sector": "mental-health",
        "client_groups": ["older-people"],
        "themes": ["commissioning"],
        "funding_mechanisms": ["alliance-contracts"],
        "framework_elements": ["systems-change:work-across-boundaries"],
        "source_report": "systems-report",
        "source_section": "8.2 Funding and policy",
        "principles": "not_assessed",
        "evaluated": False,
        "evidence": [{"statement": "Annual spend devolved", "figure": "£7.7 million"}],
        "last_reviewed": "2026-11-30",
        "historical_context": "Integrated care boards have since replaced the NHS body named.",
    }
    record.update(changes)
    return record


@pytest.fixture
def knowledge_file(small_catalogue):
    """The small catalogue plus the new vocabularies and one not-assessed case study."""
    small_catalogue["themes"] = [{"key": "commissioning", "name": "Commissioning"}]
    small_catalogue["funding_mechanisms"] = [
        {
            "key": "alliance-contracts",
            "name": "Alliance contracts",
            "description": "One contract held jointly by commissioners and providers.",
        }
    ]
    small_catalogue["source_reports"] = [
        {
            "key": "systems-report",
            "name": "Systems change",
            "publisher": "A partnership",
            "year": 2022,
        }
    ]
    small_catalogue["frameworks"] = [
        {
            "key": "systems-change",
            "name": "Routes to systems change",
            "elements": [{"key": "work-across-boundaries", "name": "Work across boundaries"}],
        }
    ]
    small_catalogue["case_studies"].append(knowledge_record())
    return small_catalogue


def snapshot():
    return {
        "case studies": CaseStudyPage.objects.count(),
        "themes": Theme.objects.count(),
        "funding": FundingMechanism.objects.count(),
        "reports": SourceReport.objects.count(),
        "sectors": Sector.objects.count(),
        "revisions": Revision.objects.count(),
    }


def test_import_stores_the_new_fields_and_no_ratings_when_not_assessed(site_tree, knowledge_file):
    importer.run(knowledge_file)
    page = CaseStudyPage.objects.get(slug="alliance-demo")
    assert page.live
    assert page.principles_assessed is False
    assert page.principle_ratings.count() == 0
    assert page.rating_map() == {}
    assert [t.key for t in page.themes.all()] == ["commissioning"]
    assert [f.key for f in page.funding_mechanisms.all()] == ["alliance-contracts"]
    assert [(e.framework.key, e.key) for e in page.framework_elements.all()] == [
        ("systems-change", "work-across-boundaries")
    ]
    assert (page.source_report.key, page.source_report.year) == ("systems-report", 2022)
    assert page.source_section == "8.2 Funding and policy"
    assert page.last_reviewed == datetime.date(2026, 11, 30)
    assert page.historical_context.startswith("Integrated care boards")
    # The rated case studies of the same file keep their ratings.
    rated = CaseStudyPage.objects.get(slug="harbour-peer-network")
    assert rated.principles_assessed is True
    assert rated.principle_ratings.count() == 6


def test_rating_map_ignores_ratings_left_behind_on_a_not_assessed_page(site_tree, small_catalogue):
    importer.run(small_catalogue)
    page = CaseStudyPage.objects.get(slug="harbour-peer-network")
    assert len(page.rating_map()) == 6
    page.principles_assessed = False
    assert page.rating_map() == {}


def test_principle_pages_and_recommendations_leave_out_a_page_marked_not_assessed(
    site_tree, small_catalogue
):
    importer.run(small_catalogue)
    page = CaseStudyPage.objects.get(slug="harbour-peer-network")
    networks = PrinciplePage.objects.get(principle__key="networks")
    assert page in networks.strongest_case_studies()
    assert page in case_studies_for(["networks"], page.locale_id)[0]

    # An editor unticks "principles assessed" and leaves the old ratings behind.
    page.principles_assessed = False
    page.save_revision().publish()

    assert page.principle_ratings.count() == 6
    assert page not in networks.strongest_case_studies()
    assert page not in case_studies_for(["networks"], page.locale_id)[0]


def test_not_assessed_page_and_card_say_not_yet_assessed_instead_of_an_empty_wedge(
    client, site_tree, knowledge_file
):
    importer.run(knowledge_file)
    page = CaseStudyPage.objects.get(slug="alliance-demo")
    html = client.get(page.url).content.decode()
    assert "Not yet assessed" in html
    assert "No rating is not the same as a weak rating" in html
    assert "wedge__fill" not in html and "wedge__table" not in html
    # What the page adds from the knowledge base, and when it was reviewed.
    assert "Alliance contracts" in html and "Commissioning" in html
    assert "<cite>Systems change</cite>, A partnership (2022): 8.2 Funding and policy" in html
    assert "Historical context" in html
    assert '<time datetime="2026-11-30">' in html

    rated = CaseStudyPage.objects.get(slug="harbour-peer-network")
    assert "Not yet assessed" not in client.get(rated.url).content.decode()

    listing = client.get(page.get_parent().url).content.decode()
    assert listing.count("Not yet assessed") == 1


def test_wedge_tag_not_assessed_draws_no_segments_whatever_the_ratings(site_tree):
    principles = {p.key: p for p in Principle.objects.all()}
    template = Template(
        "{% load wedge_tags %}{% wedge ratings assessed=False %}|"
        "{% wedge ratings assessed=False compact=True %}"
    )
    html = template.render(Context({"ratings": {principles["assets"]: 3}}))
    full, compact = html.split("|")
    for part in (full, compact):
        assert "Not yet assessed" in part
        assert "wedge__fill" not in part
        assert "Strong" not in part
    assert "no editor has rated it yet" in full
    assert "against the six principles" in compact


def test_a_bad_record_aborts_the_whole_import_with_clear_messages(site_tree, knowledge_file):
    studies = knowledge_file["case_studies"]
    studies[-1]["themes"] = ["no-such-theme"]
    studies[-1]["framework_elements"] = ["Not A Slug"]
    studies[-1]["principles"] = "later"
    studies[-1]["source_report"] = "missing-report"
    knowledge_file["funding_mechanisms"][0]["order"] = -1
    before = snapshot()

    with pytest.raises(importer.CatalogueInvalid) as raised:
        importer.run(knowledge_file)

    problems = [str(p) for p in raised.value.problems]
    assert problems == [
        'funding_mechanisms[0] "alliance-contracts", field order: must be a whole number from '
        "0 to 32767, got -1",
        'case_studies[4] "alliance-demo", field source_report: unknown source report key '
        "'missing-report'",
        'case_studies[4] "alliance-demo", field themes[0]: unknown theme key '
        "'no-such-theme' (add it to the file's themes)",
        'case_studies[4] "alliance-demo", field framework_elements[0]: must look like '
        "\"framework:element\" in lower case, got 'Not A Slug'",
        'case_studies[4] "alliance-demo", field principles: is required: an object rating each '
        "of assets, capabilities, mutuality, networks, blur_roles, catalysts from 0 to 3, or "
        '"not_assessed"',
    ]
    # Nothing at all was written: not the valid records, not the vocabularies.
    assert snapshot() == before
    assert not CaseStudyPage.objects.filter(slug="harbour-peer-network").exists()


def test_reimport_changes_nothing_and_a_changed_term_is_updated(site_tree, knowledge_file):
    importer.run(knowledge_file)
    before = snapshot()
    report = importer.run(knowledge_file)
    assert report.created == [] and report.updated == []
    assert snapshot() == before

    knowledge_file["funding_mechanisms"][0]["order"] = 7
    knowledge_file["case_studies"][-1]["principles"] = dict.fromkeys(
        Principle.objects.values_list("key", flat=True), 2
    )
    report = importer.run(knowledge_file)
    assert report.updated == ["funding mechanism alliance-contracts", "case study alliance-demo"]
    assert FundingMechanism.objects.get().order == 7
    page = CaseStudyPage.objects.get(slug="alliance-demo")
    assert page.principles_assessed is True
    assert set(page.rating_map().values()) == {2}


def test_demo_knowledge_base_gives_50_case_studies_in_6_countries_and_loads_once(demo_site):
    # The demo site (tests/conftest.py) has the catalogue imported, then the knowledge base, as
    # `make run` does; and their Welsh and Spanish translations, left out of the counts here.
    knowledge = json.loads((DEMO / "knowledge_base.json").read_text())
    english = Locale.get_default()

    pages = CaseStudyPage.objects.live().filter(locale=english)
    assert pages.count() >= 50
    assert len(set(pages.values_list("country", flat=True)) - {"not-stated", "uk-wide"}) >= 6
    new = pages.filter(slug__in=[record["slug"] for record in knowledge["case_studies"]])
    assert new.count() == len(knowledge["case_studies"]) >= 30
    # Every new one names its source and section and when it was last reviewed.
    assert not new.filter(source_report=None).exists()
    assert not new.filter(source_section="").exists()
    assert not new.filter(last_reviewed=None).exists()
    assert SourceReport.objects.filter(locale=english).count() == 4  # the catalogue's, 3 others
    assert not pages.filter(source_report=None).exists()
    assert ClientGroup.objects.filter(key="women-in-contact-with-criminal-justice").exists()

    before = snapshot()
    report = importer.run(knowledge)
    assert report.created == [] and report.updated == []
    assert snapshot() == before
