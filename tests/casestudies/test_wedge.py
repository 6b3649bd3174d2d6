"""The wedge: segment sizes follow the ratings; labels and a table say the same in words."""

import re

import pytest
from django.template import Context, Template

from hub.models import Principle

pytestmark = pytest.mark.django_db


def render(template, **context):
    return Template("{% load wedge_tags %}" + template).render(Context(context))


def rows(html):
    """(principle, strength text) pairs from the wedge's table."""
    return re.findall(
        r'<th scope="row">(?:<a [^>]*>)?([^<]+)(?:</a>)?</th>\s*<td>([^<]+)</td>', html
    )


def fills(html):
    """{colour: outer radius} of each filled segment."""
    return {
        colour: float(radius)
        for radius, colour in re.findall(
            r'<path class="wedge__fill" d="M0,0 L[^A]*A([\d.]+),[\d.]+ [^"]*" fill="(#[0-9a-f]+)"',
            html,
        )
    }


def test_segments_reach_out_in_proportion_to_strength(site_tree):
    principles = {p.key: p for p in Principle.objects.all()}
    ratings = {principles["assets"]: 3, principles["networks"]: 0, principles["catalysts"]: 2}
    html = render("{% wedge ratings %}", ratings=ratings)
    assert fills(html) == {
        principles["assets"].colour: 100.0,
        principles["catalysts"].colour: 66.67,
    }
    assert rows(html) == [
        ("Assets", "Strong (3 of 3)"),
        ("Networks", "None (0 of 3)"),
        ("Catalysts", "Developing (2 of 3)"),
    ]
    # Visible labels in the picture, with the number, so colour is never the only cue.
    assert re.search(r'class="wedge__label"[^>]*>Assets 3</text>', html)
    assert re.search(r'class="wedge__label"[^>]*>Networks 0</text>', html)
    # The picture is hidden from assistive technology: the table carries the meaning.
    assert 'aria-hidden="true"' in html
    assert html.count('class="wedge__slot"') == 3


def test_ratings_by_key_with_all_principles_show_unrated_ones(site_tree):
    principles = list(Principle.objects.order_by("order"))
    html = render(
        "{% wedge ratings principles=principles %}",
        ratings={"mutuality": 1},
        principles=principles,
    )
    assert [name for name, _ in rows(html)] == [p.name for p in principles]
    assert ("Mutuality", "Emerging (1 of 3)") in rows(html)
    assert ("Assets", "Not rated") in rows(html)
    assert html.count('class="wedge__slot"') == 6
    assert len(fills(html)) == 1


def test_string_keys_are_looked_up(site_tree):
    html = render("{% wedge ratings %}", ratings={"blur_roles": 3, "no-such": 2})
    assert rows(html) == [("Blur roles", "Strong (3 of 3)")]


def test_compact_wedge_lists_labels_and_links_go_to_the_listing(site_tree):
    principles = {p.key: p for p in Principle.objects.all()}
    html = render("{% wedge ratings compact=True %}", ratings={principles["networks"]: 2})
    assert '<span class="wedge__name">Networks</span>: Developing' in html
    assert "wedge__label" not in html  # the list below the picture carries the labels
    html = render(
        "{% wedge ratings link_base='/en/case-studies/' %}", ratings={principles["networks"]: 2}
    )
    assert '<a href="/en/case-studies/?principle=networks&amp;strength=2">Networks</a>' in html
