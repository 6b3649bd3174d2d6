"""What each kind of page shows in the API: its body fields, chosen here rather than on the
models, so the content apps know nothing of the API and nothing is served by accident.

`?fields=*` asks for every field named here and no other: a story's first name (unless it is the
name shown), its consent, its private reference, its audio file and its pictures are never among
them.
"""

from rest_framework import serializers
from wagtail.api import APIField

from casestudies.models import CaseStudyPage, PrinciplePage, ResourcePage
from hub.models import Strength
from stories.models import StoryPage
from toolkits.models import GuidePage, ToolkitPage


class KeywordsField(serializers.Field):
    """Keywords as {slug, name}: the slug is what `?keyword=` takes."""

    def __init__(self, **kwargs):
        # Read through the tagged items, which a listing prefetches (api.views).
        super().__init__(source="tagged_items", **kwargs)

    def to_representation(self, tagged_items):
        tags = sorted((item.tag for item in tagged_items.all()), key=lambda tag: tag.name.lower())
        return [{"slug": tag.slug, "name": tag.name} for tag in tags]


class TermsField(serializers.Field):
    """Taxonomy terms (principles, client groups, life factors) as {key, name}."""

    def to_representation(self, manager):
        return [{"key": term.key, "name": term.name} for term in manager.all()]


class TermField(serializers.Field):
    def to_representation(self, term):
        return {"key": term.key, "name": term.name} if term else None


class ChoiceField(serializers.Field):
    """A choice as {value, label}: the value filters, the label is in the page's language."""

    def __init__(self, field_name, **kwargs):
        self.field_name_for_display = field_name
        super().__init__(source="*", **kwargs)

    def to_representation(self, page):
        value = getattr(page, self.field_name_for_display)
        label = getattr(page, f"get_{self.field_name_for_display}_display")()
        return {"value": value, "label": str(label)}


class RatingsField(serializers.Field):
    """The principle ratings: empty when the case study has not been assessed."""

    def __init__(self, **kwargs):
        super().__init__(source="*", **kwargs)

    def to_representation(self, page):
        return [
            {
                "principle": {"key": principle.key, "name": principle.name},
                "strength": strength,
                "strength_label": str(Strength(strength).label),
            }
            for principle, strength in page.rating_map().items()
        ]


class LinkedPagesField(serializers.Field):
    """Pages chosen by an editor (see also, related case studies) that the API itself serves."""

    def __init__(self, target_attribute, **kwargs):
        self.target_attribute = target_attribute
        super().__init__(**kwargs)

    def to_representation(self, manager):
        targets = [getattr(item, self.target_attribute) for item in manager.all()]
        if not targets:
            return []
        served_ids = self.served_ids()
        request = self.context["request"]
        return [
            {"id": target.pk, "title": target.title, "html_url": target.get_full_url(request)}
            for target in targets
            if target.pk in served_ids
        ]

    def served_ids(self):
        """The ids of every served page, asked for once per response, whatever its length."""
        if "served_ids" not in self.context:
            self.context["served_ids"] = set(
                self.context["base_queryset"].values_list("pk", flat=True)
            )
        return self.context["served_ids"]


class StoryDayField(serializers.Field):
    """The day's moments without their pictures: a picture stays on the story's own page."""

    def to_representation(self, stream):
        return [
            {
                "time_of_day": moment.value["time_of_day"],
                "what_happens": moment.value["what_happens"],
            }
            for moment in stream
            if moment.block_type == "moment"
        ]


class ShownNameField(serializers.Field):
    """The name the contributor chose to show: a pseudonym, or their first name if they asked."""

    def __init__(self, **kwargs):
        super().__init__(source="*", **kwargs)

    def to_representation(self, story):
        return story.display_name


PRACTICAL_FIELDS = [
    APIField("audience", serializer=ChoiceField("audience")),
    APIField("summary"),
    APIField("steps"),
    APIField("downloads"),
    APIField("principles", serializer=TermsField()),
    APIField("keywords", serializer=KeywordsField()),
    APIField("co_authors"),
    APIField("licence", serializer=ChoiceField("licence")),
    APIField("last_reviewed"),
]

API_FIELDS = {
    CaseStudyPage: [
        APIField("short_name"),
        APIField("summary"),
        APIField("location"),
        APIField("country", serializer=ChoiceField("country")),
        APIField("sector", serializer=TermField()),
        APIField("client_groups", serializer=TermsField()),
        APIField("keywords", serializer=KeywordsField()),
        APIField("principles_assessed"),
        APIField("ratings", serializer=RatingsField()),
        APIField("depth", serializer=ChoiceField("depth_level")),
        APIField("key_learning"),
        APIField("body"),
        APIField("evaluated"),
        APIField("evidence"),
        APIField("links"),
        APIField("see_also", serializer=LinkedPagesField("target")),
        APIField("last_reviewed"),
        APIField("historical_context"),
    ],
    PrinciplePage: [
        APIField("principle", serializer=TermField()),
        APIField(
            "short_description",
            serializer=serializers.CharField(source="principle.short_description"),
        ),
        APIField("body"),
    ],
    ResourcePage: [
        APIField("resource_type", serializer=ChoiceField("resource_type")),
        APIField("authors"),
        APIField("year"),
        APIField("publisher"),
        APIField("external_url"),
        APIField("why_useful"),
        APIField("keywords", serializer=KeywordsField()),
        APIField("related_case_studies", serializer=LinkedPagesField("case_study")),
    ],
    ToolkitPage: PRACTICAL_FIELDS,
    GuidePage: PRACTICAL_FIELDS,
    StoryPage: [
        APIField("shown_name", serializer=ShownNameField()),
        APIField("is_illustrative"),
        APIField("about_me"),
        APIField("region", serializer=ChoiceField("region")),
        APIField("setting", serializer=ChoiceField("setting")),
        APIField("voice", serializer=ChoiceField("voice")),
        APIField("content_notes"),
        APIField("day", serializer=StoryDayField()),
        APIField("life_factors", serializer=TermsField()),
        APIField("passions"),
        APIField("hopes"),
        APIField("what_helps"),
        APIField("what_gets_in_the_way"),
        APIField("easy_read_summary"),
        APIField("keywords", serializer=KeywordsField()),
    ],
}

# Fetched with a listing of one type, so that `?fields=*` costs a bounded number of queries.
PREFETCH = {
    CaseStudyPage: [
        "principle_ratings__principle",
        "tagged_items__tag",
        "client_groups",
        "see_also__target",
    ],
    ResourcePage: ["tagged_items__tag", "related_case_studies__case_study"],
    ToolkitPage: ["principles", "tagged_items__tag"],
    GuidePage: ["principles", "tagged_items__tag"],
    StoryPage: ["life_factors", "tagged_items__tag"],
    PrinciplePage: [],
}
SELECT_RELATED = {CaseStudyPage: ["sector"], PrinciplePage: ["principle"]}


def api_fields_for(model):
    """The body fields of a model (or of the nearest served model it inherits from)."""
    for served_model in type.mro(model):
        if served_model in API_FIELDS:
            return API_FIELDS[served_model]
    return []
