"""Safer reading: a quick exit on stories about violence or abuse, and the home page's routes."""

import pytest

from tests.stories.factories import make_story

pytestmark = pytest.mark.django_db


def test_quick_exit_only_where_the_content_notes_warrant_it(client, site_tree, settings):
    settings.HUB_QUICK_EXIT_URL = "https://neutral.example/weather"
    violent = make_story(title="A hard year", content_notes=["violence"], publish=True)
    other = make_story(title="A good day", content_notes=["bereavement"], publish=True)

    html = client.get(violent.url).content.decode()
    link = (
        '<a class="quick-exit" href="https://neutral.example/weather" rel="noreferrer" '
        "data-quick-exit>Leave this site quickly</a>"
    )
    assert link in html
    # Reached first after the skip link; the script that replaces the history entry is local.
    assert html.index("skip-link") < html.index("quick-exit") < html.index('id="main"')
    assert '<script src="/static/js/quick-exit.js" defer' in html
    for page in (other, site_tree):
        assert "quick-exit" not in client.get(page.url).content.decode()


def test_the_home_page_has_a_route_in_for_each_audience(client, site_tree):
    html = client.get("/en/").content.decode()
    for audience in ("Commissioners", "Practitioners", "People with lived experience"):
        assert f"<h3>{audience}</h3>" in html
    assert "<h3>Researchers</h3>" in html and 'href="/en/glossary/"' in html
