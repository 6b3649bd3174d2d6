"""The stories index: newest first, filtered by life factor and keyword from the query string."""

from django import forms
from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

STORIES_PER_PAGE = 12


class StoryFilterForm(forms.Form):
    factor = forms.ChoiceField(required=False, label=_("Life factor"))
    keyword = forms.ChoiceField(required=False, label=_("Keyword"))

    def __init__(self, data, factors, keywords):
        super().__init__(data)
        self.fields["factor"].choices = [("", _("All life factors"))] + [
            (factor.key, factor.name) for factor in factors
        ]
        self.fields["keyword"].choices = [("", _("All keywords"))] + [
            (tag.slug, tag.name) for tag in keywords
        ]


class StoryListing:
    """Live stories under one index, with the filters a visitor chose.

    A filter value that is not one of the choices is reported next to its field and ignored,
    so a mistyped or stale shared link still shows a useful page.
    """

    def __init__(self, index_page, query):
        from hub.models import LifeFactor
        from stories.models import StoryPage

        self.index_page = index_page
        stories = StoryPage.objects.child_of(index_page).live().public()
        self.factors = LifeFactor.in_language(index_page.locale_id)
        self.keywords = list(
            Tag.objects.filter(stories_storypagetag_items__content_object__in=stories)
            .distinct()
            .order_by("name")
        )
        self.form = StoryFilterForm(query, self.factors, self.keywords)
        self.form.is_valid()
        chosen = {
            name: self.form.cleaned_data.get(name)
            for name in ("factor", "keyword")
            if name not in self.form.errors
        }
        self.factor = next((f for f in self.factors if f.key == chosen.get("factor")), None)
        self.keyword = next((t for t in self.keywords if t.slug == chosen.get("keyword")), None)
        if self.factor:
            # By key: a translated story may still be tagged with the source language's factors.
            stories = stories.filter(life_factors__key=self.factor.key)
        if self.keyword:
            stories = stories.filter(tagged_items__tag=self.keyword)
        self.stories = (
            stories.order_by("-first_published_at", "-pk")
            .prefetch_related("life_factors")
            .distinct()
        )
        self.page = Paginator(self.stories, STORIES_PER_PAGE).get_page(query.get("page"))

    @property
    def is_filtered(self):
        return bool(self.factor or self.keyword)
