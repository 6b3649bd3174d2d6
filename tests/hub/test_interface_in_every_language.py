"""Every public page type, rendered for a Welsh and a Spanish visitor, has no English interface
string (English content on a page not yet translated is fine: it is marked lang="en")."""

import pytest

from tests.hub.interface_language import (
    PAGE_PATHS,
    build_every_page_type,
    english_interface_strings,
    english_left_in,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached")]


def test_the_checker_finds_an_english_interface_string_and_ignores_marked_content():
    english = english_interface_strings("cy")
    assert "Skip to main content" in english
    html = (
        '<html lang="cy"><body><a href="#main">Skip to main content</a>'
        '<main lang="en"><p>Skip to main content</p></main><input placeholder="Search the hub">'
    )
    assert english_left_in(html, "cy", english) == ["Search the hub", "Skip to main content"]
    assert english_left_in('<html lang="cy"><main lang="en">Search</main>', "cy", english) == []


def test_every_public_page_type_speaks_welsh_and_spanish(client, site_tree):
    build_every_page_type(site_tree)
    problems = {}
    for language in ("cy", "es"):
        english = english_interface_strings(language)
        for path in PAGE_PATHS:
            response = client.get(f"/{language}/{path}")
            expected = 404 if path == "no-such-page/" else 200
            assert response.status_code == expected, (language, path, response.status_code)
            html = response.content.decode()
            assert f'<html lang="{language}">' in html, (language, path)
            left = english_left_in(html, language, english)
            if left:
                problems[f"/{language}/{path}"] = left
    assert problems == {}
