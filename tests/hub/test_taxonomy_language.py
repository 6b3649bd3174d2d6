"""Taxonomy in a language: one rule, TaxonomyTerm.in_language, for every listing and form."""

import pytest
from wagtail.models import Locale

from hub.models import LifeFactor, Principle
from stories.models import StoryIndexPage
from stories.share_views import life_factors

pytestmark = pytest.mark.django_db


def welsh():
    return Locale.objects.get(language_code="cy")


def test_terms_are_named_in_the_language_and_fall_back_one_by_one(site_tree):
    assets = Principle.objects.get(key="assets", locale__language_code="en")
    welsh_assets = assets.copy_for_translation(welsh())
    welsh_assets.name = "Asedau"
    welsh_assets.save()

    principles = Principle.in_language(welsh().pk)

    assert [p.key for p in principles] == [
        p.key for p in Principle.objects.filter(locale__language_code="en")
    ]
    names = {p.key: p.name for p in principles}
    assert names["assets"] == "Asedau"
    assert names["networks"] == "Networks"  # not translated yet: still offered, in English


def test_the_welsh_share_form_offers_life_factors_before_they_are_translated(site_tree, section):
    welsh_index = section(StoryIndexPage).copy_for_translation(welsh(), copy_parents=True)
    assert not LifeFactor.objects.filter(locale=welsh()).exists()

    offered = life_factors(welsh_index)

    assert {factor.key for factor in offered} == set(
        LifeFactor.objects.filter(locale__language_code="en").values_list("key", flat=True)
    )
