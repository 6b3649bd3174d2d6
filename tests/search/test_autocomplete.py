"""Autocomplete: titles first, the kinds of content taking turns."""

import pytest

from casestudies.models import ResourceIndexPage
from search.autocomplete import take_turns, title_holds
from search.models import SearchPage
from tests.casestudies.factories import ResourcePageFactory
from tests.toolkits.factories import ToolkitPageFactory
from toolkits.models import ToolkitIndexPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("uncached")]


def test_kinds_take_turns_up_to_the_limit():
    assert take_turns([["c1", "c2"], ["t1"], [], ["r1", "r2", "r3"]], 5) == [
        "c1",
        "t1",
        "r1",
        "c2",
        "r2",
    ]


def test_a_title_holds_the_words_begun():
    assert title_holds("Setting up peer support", ["peer", "sup"])
    assert not title_holds("Peer advocacy", ["peer", "sup"])


def test_a_toolkit_is_suggested_among_many_resources(client, section):
    for n in range(10):
        ResourcePageFactory(parent=section(ResourceIndexPage), title=f"Time use study {n}")
    ToolkitPageFactory(parent=section(ToolkitIndexPage), title="Starting a time bank")

    response = client.get(section(SearchPage).url + "autocomplete/", {"q": "tim"})
    results = response.json()["results"]

    assert len(results) == 8
    assert results[0]["title"] == "Starting a time bank"  # the only one of its kind: first turn
    assert results[0]["type"] == "Toolkit"
    assert sum(hit["type"] == "Resource" for hit in results) == 7
