"""First uses of glossary terms marked up, and the glossary page."""

import re

import pytest
from django.template import Context, Template
from django.utils.safestring import mark_safe
from wagtail.models import Locale

from casestudies.models import ResourceIndexPage
from glossary.markup import mark_first_uses
from glossary.models import GlossaryPage, GlossaryTerm
from provisioning import demo_glossary
from tests.casestudies.factories import ResourcePageFactory
from tests.stories.factories import make_story
from tests.toolkits.factories import ToolkitPageFactory
from toolkits.models import ToolkitIndexPage


def term(key, text, full_name="", definition="It means this."):
    return GlossaryTerm(
        pk=hash(key), key=key, term=text, full_name=full_name, definition=definition
    )


ISF = term("isf", "ISF", "Individual service fund", "A budget a provider holds for one person.")
PERSON_LED = term("person-led", "person-led", definition="The person decides.")


def test_only_the_first_use_in_running_text_is_marked():
    html = (
        "<h2>What an ISF is</h2>"
        '<p>See <a href="/x/">the ISF guide</a>. Person-led support, with ISFs. An ISF again.</p>'
        "<p>Another ISF and person-led.</p>"
    )
    marked = mark_first_uses(html, [ISF, PERSON_LED], "/en/glossary/")

    # Not inside the heading or the link; the first use in text after them is ("ISFs").
    assert marked.startswith('<h2>What an ISF is</h2><p>See <a href="/x/">the ISF guide</a>.')
    assert marked.count('class="glossary-term"') == 2
    assert (
        '<a class="glossary-term" href="/en/glossary/#term-isf" '
        'aria-describedby="glossary-description-isf">'
        '<abbr title="Individual service fund">ISFs</abbr></a>'
        '<span id="glossary-description-isf" hidden>Individual service fund: A budget a provider '
        "holds for one person.</span>"
    ) in marked
    # Words match in any case, abbreviations exactly; each term once.
    assert 'href="/en/glossary/#term-person-led"' in marked
    assert ">Person-led</a>" in marked
    assert marked.endswith("An ISF again.</p><p>Another ISF and person-led.</p>")


def test_an_abbreviation_is_matched_as_a_whole_word_in_its_own_case():
    marked = mark_first_uses("<p>isf, ISFA and NON-ISF are not it.</p>", [ISF], "/g/")
    assert "glossary-term" not in marked


def test_without_a_glossary_page_an_abbreviation_still_gets_its_expansion():
    marked = mark_first_uses("<p>Use an ISF.</p>", [ISF, PERSON_LED], "")
    assert marked == '<p>Use an <abbr title="Individual service fund">ISF</abbr>.</p>'


@pytest.mark.django_db
def test_the_glossary_page_and_the_filter_use_the_page_language(
    site_tree, client, django_assert_max_num_queries
):
    assert demo_glossary.load()
    assert demo_glossary.load() == []  # loading again creates nothing

    client.get("/en/glossary/")  # warm the site and locale caches
    with django_assert_max_num_queries(20):
        html = client.get("/en/glossary/").content.decode()
    terms = re.findall(r'<div class="glossary__entry" id="term-([a-z-]+)"', html)
    assert terms[:3] == ["atu", "co-production", "direct-payment"]
    assert len(terms) == GlossaryTerm.objects.filter(locale__language_code="en").count() >= 13
    assert '<a href="#term-person-led">person-led</a>' in html

    welsh = Locale.objects.get(language_code="cy")
    english_glossary = GlossaryPage.objects.get(locale__language_code="en")
    welsh_glossary = english_glossary.copy_for_translation(welsh, copy_parents=True)
    welsh_glossary.save_revision().publish()
    template = Template(
        "{% load glossary_tags %}{% filter glossary:page %}{{ text }}{% endfilter %}"
    )
    text = mark_safe("<p>Banc amser and time bank.</p>")  # noqa: S308 - a fixed test string
    on_welsh_page = template.render(Context({"page": welsh_glossary, "text": text}))
    assert on_welsh_page.startswith(
        '<p><a class="glossary-term" href="/cy/glossary/#term-time-bank"'
    )
    assert ">Banc amser</a>" in on_welsh_page
    assert on_welsh_page.count("glossary-term") == 1
    on_english_page = template.render(Context({"page": english_glossary, "text": text}))
    assert 'href="/en/glossary/#term-time-bank" aria-describedby' in on_english_page
    assert ">time bank</a>" in on_english_page


def test_stories_toolkits_and_resources_mark_the_first_use_once_in_their_whole_text(
    section, client
):
    """Each page type marks a term's first use in its running text only once, wherever in the
    page it comes first, and never in a heading (the story's "About me" and so on)."""
    assert demo_glossary.load()
    story = make_story(
        publish=True,
        about_me="I use an ISF. The ISF pays for my support.",
        passions="I run the time bank stall; the time bank meets on Fridays.",
    )
    toolkit = ToolkitPageFactory(
        parent=section(ToolkitIndexPage),
        summary="How a time bank starts, and why a time bank needs a broker.",
    )
    resource = ResourcePageFactory(
        parent=section(ResourceIndexPage),
        why_useful="It shows what person-led support means, and person-led budgets.",
    )
    for page, term_key in ((story, "isf"), (story, "time-bank"), (toolkit, "time-bank"),
                           (resource, "person-led")):  # fmt: skip
        html = client.get(page.url).content.decode()
        links = re.findall(rf'<a class="glossary-term" href="[^"]*#term-{term_key}"', html)
        assert len(links) == 1, (page.url, term_key)
        assert f'<span id="glossary-description-{term_key}" hidden>' in html
    story_html = client.get(story.url).content.decode()
    assert '<abbr title="Individual service fund">ISF</abbr>' in story_html
