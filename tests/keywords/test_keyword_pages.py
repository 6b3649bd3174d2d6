"""Keyword pages, the chips that lead to them, and what principle pages list."""

import pytest

from casestudies.models import CaseStudyIndexPage, PrincipleIndexPage, ResourceIndexPage
from hub.models import Principle
from tests.casestudies.factories import (
    CaseStudyPageFactory,
    PrinciplePageFactory,
    ResourcePageFactory,
)
from tests.stories.factories import make_story
from tests.toolkits.factories import GuidePageFactory, ToolkitPageFactory
from toolkits.models import ToolkitIndexPage

pytestmark = pytest.mark.django_db

KEYWORD_URL = "/en/keywords/peer-support/"


@pytest.fixture
def tagged(site_tree, section):
    toolkits = section(ToolkitIndexPage)
    return {
        "case_study": CaseStudyPageFactory(
            parent=section(CaseStudyIndexPage),
            title="Peer circle",
            keywords=["Peer Support"],
            ratings={"mutuality": 3},
        ),
        "draft": CaseStudyPageFactory(
            parent=section(CaseStudyIndexPage),
            title="Unpublished circle",
            live=False,
            keywords=["Peer Support"],
        ),
        "resource": ResourcePageFactory(
            parent=section(ResourceIndexPage), title="Peer report", keywords=["Peer Support"]
        ),
        "toolkit": ToolkitPageFactory(
            parent=toolkits,
            title="Peer toolkit",
            keywords=["Peer Support"],
            principles=["mutuality"],
        ),
        "guide": GuidePageFactory(parent=toolkits, title="Peer guide", keywords=["Peer Support"]),
        "story": make_story(publish=True, title="Peer morning", keywords=["Peer Support"]),
        "draft_story": make_story(title="Draft peer evening", keywords=["Peer Support"]),
    }


def test_a_keyword_page_lists_every_kind_and_no_draft(client, tagged):
    response = client.get(KEYWORD_URL)
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("case_study", "resource", "toolkit", "guide", "story"):
        assert tagged[name].title in html, name
    assert "Unpublished circle" not in html and "Draft peer evening" not in html
    assert client.get("/en/keywords/no-such-keyword/").status_code == 404


def test_every_keyword_chip_leads_to_its_page(client, tagged):
    for name in ("case_study", "resource", "toolkit", "story"):
        html = client.get(tagged[name].url).content.decode()
        assert f'href="{KEYWORD_URL}"' in html, name
    # Cards too: the keyword page's own case study card links its chips.
    assert f'href="{KEYWORD_URL}"' in client.get(KEYWORD_URL).content.decode()


def test_keyword_page_queries_do_not_grow(client, tagged, section, django_assert_max_num_queries):
    with django_assert_max_num_queries(60) as few:
        client.get(KEYWORD_URL)
    for _number in range(4):
        CaseStudyPageFactory(
            parent=section(CaseStudyIndexPage), keywords=["Peer Support"], ratings={"assets": 2}
        )
        ToolkitPageFactory(parent=section(ToolkitIndexPage), keywords=["Peer Support"])
        make_story(publish=True, keywords=["Peer Support"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(KEYWORD_URL).status_code == 200


def test_a_principle_page_lists_its_toolkits_stories_and_resources(client, tagged, section):
    mutuality = Principle.objects.get(key="mutuality", locale__language_code="en")
    page = PrinciplePageFactory(parent=section(PrincipleIndexPage), principle=mutuality)
    html = client.get(page.url).content.decode()
    for title in ("Peer circle", "Peer toolkit", "Peer morning", "Peer report"):
        assert title in html, title
    assert "Peer guide" not in html  # names no principle
    assert "Draft peer evening" not in html
