"""Case study, principle and resource pages: computed lists, keyword links, related resources."""

import pytest

from casestudies import importer
from casestudies.models import CaseStudyPage, PrinciplePage
from hub.models import Principle
from tests.casestudies.factories import (
    CaseStudyPageFactory,
    PrinciplePageFactory,
    ResourcePageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def networks_page(section):
    from casestudies.models import PrincipleIndexPage

    principle = Principle.objects.get(key="networks")
    return PrinciplePageFactory(parent=section(PrincipleIndexPage), principle=principle)


def test_principle_page_lists_the_case_studies_strongest_in_it(
    client, catalogue_index, networks_page
):
    make = CaseStudyPageFactory
    make(parent=catalogue_index, title="Developing one", ratings={"networks": 2})
    make(parent=catalogue_index, title="Strong one", ratings={"networks": 3})
    make(parent=catalogue_index, title="Weak one", ratings={"networks": 1})
    make(parent=catalogue_index, title="Strong elsewhere", ratings={"assets": 3, "networks": 0})
    draft = make(parent=catalogue_index, title="Unpublished", ratings={"networks": 3})
    draft.unpublish()

    response = client.get(networks_page.url)
    assert response.status_code == 200
    assert [p.title for p in response.context["case_studies"]] == ["Strong one", "Developing one"]
    html = response.content.decode()
    assert "Case studies strongest in Networks" in html
    # The principle's reflective questions come from the snippet.
    first_question = networks_page.principle.reflective_questions[0].value
    assert first_question in html


def test_principle_page_links_resources_sharing_keywords_with_its_case_studies(
    client, catalogue_index, resource_index, networks_page
):
    CaseStudyPageFactory(
        parent=catalogue_index, ratings={"networks": 3}, keywords=["Peer Support", "Co-design"]
    )
    ResourcePageFactory(parent=resource_index, title="Both", keywords=["Peer Support", "Co-design"])
    ResourcePageFactory(parent=resource_index, title="One", keywords=["Co-design"])
    ResourcePageFactory(parent=resource_index, title="Unrelated", keywords=["Time Banking"])
    response = client.get(networks_page.url)
    assert [r.title for r in response.context["resources"]] == ["Both", "One"]


def test_case_study_page_links_keywords_to_their_pages_and_principles_to_the_listing(
    client, site_tree, small_catalogue
):
    importer.run(small_catalogue)
    harbour = CaseStudyPage.objects.get(slug="harbour-peer-network")
    response = client.get(harbour.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/en/keywords/peer-support/"' in html  # a keyword's own page (keywords/)
    assert 'href="/en/case-studies/?principle=networks&amp;strength=3"' in html
    assert 'href="/en/case-studies/?sector=mental-health"' in html
    assert "Strong (3 of 3)" in html
    assert "Why is this co-production?" in html
    assert "More about Harbour" in html
    # See also, and resources: the chosen one first, then those sharing keywords.
    assert [p.slug for p in response.context["see_also_pages"]] == ["riverside-time-bank"]
    assert [r.slug for r in response.context["resources"]] == [
        "peer-support-guide",
        "co-design-film",
    ]


def test_resource_page_lists_related_case_studies(client, site_tree, small_catalogue):
    importer.run(small_catalogue)
    from casestudies.models import ResourcePage

    guide = ResourcePage.objects.get(slug="peer-support-guide")
    response = client.get(guide.url)
    assert response.status_code == 200
    # Chosen first, then others sharing the "Peer Support" keyword.
    assert [p.slug for p in response.context["case_studies"]] == [
        "harbour-peer-network",
        "riverside-time-bank",
    ]


def test_resource_library_filters_by_type_and_keyword_with_counts(
    client, site_tree, small_catalogue
):
    importer.run(small_catalogue)
    from casestudies.models import ResourceIndexPage

    library_page = ResourceIndexPage.objects.get()
    response = client.get(library_page.url + "?type=research")
    library = response.context["library"]
    assert [p.slug for p in library.pages] == ["time-banking-research"]
    assert {o.value: o.count for o in library.facets[0].options} == {
        "research": 1,
        "practical_tool": 1,
        "multimedia": 1,
    }
    response = client.get(library_page.url + "?keyword=co-design&type=research&page=x")
    assert response.status_code == 200
    assert response.context["library"].total == 0
    assert "No resource matches everything you chose" in response.content.decode()


def test_principle_page_is_rendered_for_each_principle_after_import(
    client, site_tree, small_catalogue
):
    importer.run(small_catalogue)
    for page in PrinciplePage.objects.live():
        assert client.get(page.url).status_code == 200


def test_see_also_links_cost_no_query_each(client, section, uncached):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from casestudies.models import CaseStudyIndexPage, SeeAlso

    index = section(CaseStudyIndexPage)
    targets = [CaseStudyPageFactory(parent=index, title=f"Target {n}") for n in range(5)]

    def queries_for_page_linking(how_many):
        page = CaseStudyPageFactory(parent=index, title=f"Links to {how_many}")
        for target in targets[:how_many]:
            SeeAlso.objects.create(page=page, target=target)
        client.get(page.url)  # warm the site-root cache, as on a running site
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.url)
        assert len(response.context["see_also_pages"]) == how_many
        return len(queries)

    assert queries_for_page_linking(5) == queries_for_page_linking(1)
