"""The public pages every visitor meets: home, sections, search, errors, language routing."""

import pytest
from django.template.loader import render_to_string

from casestudies.models import CaseStudyIndexPage
from search.models import SearchPage

pytestmark = pytest.mark.django_db


def test_home_has_skip_link_navigation_and_routes(client, site_tree):
    response = client.get("/en/")
    html = response.content.decode()

    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert '<a class="skip-link" href="#main">' in html and 'id="main"' in html
    for slug in ["case-studies", "principles", "stories", "toolkits", "resources"]:
        assert f'href="/en/{slug}/"' in html
    for route in ["Find examples", "Share your story", "Tools and guides"]:
        assert route in html
    # No third-party requests: every script, stylesheet and image is served by the hub itself.
    assert "https://" not in html.split("<footer")[0]


def test_home_renders_in_a_bounded_number_of_queries(
    client, site_tree, django_assert_max_num_queries
):
    client.get("/en/")  # warm Wagtail's site and locale caches
    with django_assert_max_num_queries(20):
        assert client.get("/en/").status_code == 200


def test_root_redirects_by_preferred_language(client, site_tree):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="es,en;q=0.5")["Location"] == "/es/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="cy")["Location"] == "/cy/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr")["Location"] == "/en/"


def test_section_pages_render_with_breadcrumbs(client, site_tree, section):
    response = client.get(section(CaseStudyIndexPage).url)
    html = response.content.decode()

    assert response.status_code == 200
    assert '<li><a href="/en/">Home</a></li>' in html
    assert '<span aria-current="page">Case studies</span>' in html
    assert 'href="/en/case-studies/" aria-current="page"' in html  # the menu marks the section


def test_not_found_uses_the_hub_template(client, site_tree):
    response = client.get("/en/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Sorry, we cannot find that page" in html
    assert 'class="skip-link"' in html


def test_server_error_template_needs_no_context():
    html = render_to_string("500.html")
    assert "Sorry, something went wrong" in html


def test_server_error_page_speaks_the_visitors_language():
    from django.utils import translation

    with translation.override("cy"):
        html = render_to_string("500.html")
    assert '<html lang="cy">' in html
    assert "Sorry, something went wrong" not in html


def test_search_finds_published_pages_of_the_active_locale(client, site_tree, section):
    search = section(SearchPage)
    response = client.get(search.url, {"q": "case studies"})

    assert response.status_code == 200
    assert response.context["results"].paginator.count >= 1
    titles = [page.title for page in response.context["results"]]
    assert "Case studies" in titles
    assert "Search" not in titles


@pytest.mark.parametrize(
    "params",
    [
        {"q": ""},
        {"q": "x" * 5000},
        {"q": '"unbalanced'},
        {"q": "!!!"},
        {"q": "peer OR NOT"},
        {"q": "NEAR(a b)"},
        {"q": "story", "page": "9999"},
        {"q": "story", "page": "abc"},
    ],
)
def test_search_never_fails_on_odd_input(client, site_tree, section, params):
    response = client.get(section(SearchPage).url, params)
    assert response.status_code == 200
