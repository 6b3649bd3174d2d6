"""A page for each keyword: its case studies, resources, toolkits and guides, and stories.

One tag vocabulary is shared by every kind of content (DESIGN.md, section 3), so a keyword page
gathers them all, in the visitor's language, live and public pages only. Every keyword chip on
the site links here (the `keyword_page` URL, /<language>/keywords/<slug>/).
"""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.models import Locale

from casestudies.models import CaseStudyIndexPage, CaseStudyPage, ResourceIndexPage, ResourcePage
from hub.models import Principle
from stories.models import StoryIndexPage, StoryPage
from toolkits.models import GuidePage, ToolkitIndexPage, ToolkitPage

# At most this many of each kind on the page; the section links to its listing for the rest.
SECTION_LIMIT = 24


def tagged(model, tag, locale):
    return (
        model.objects.live()
        .public()
        .filter(locale=locale, tagged_items__tag=tag)
        .distinct()
        .order_by("title")
    )


def with_keywords(pages):
    """Each page's keywords as `keyword_list` (the practical card reads it)."""
    for page in pages:
        page.keyword_list = sorted((item.tag for item in page.tagged_items.all()), key=str)
    return pages


def section(key, heading, pages, total, listing_model, locale, tag, card):
    listing = listing_model.objects.live().filter(locale=locale).first()
    return {
        "key": key,
        "heading": heading,
        "pages": pages,
        "total": total,
        "more": total > len(pages),
        "listing_url": f"{listing.url}?keyword={tag.slug}" if listing else "",
        "card": card,
    }


def sections_for(tag, locale):
    case_studies = tagged(CaseStudyPage, tag, locale).select_related("sector")
    resources = tagged(ResourcePage, tag, locale)
    stories = tagged(StoryPage, tag, locale).prefetch_related("life_factors")
    toolkits = [
        page
        for model in (ToolkitPage, GuidePage)
        for page in tagged(model, tag, locale).prefetch_related("tagged_items__tag")
    ]
    toolkits.sort(key=lambda page: page.title.lower())
    return [
        section(
            "case-studies",
            _("Case studies"),
            list(
                case_studies.prefetch_related("principle_ratings__principle", "tagged_items__tag")[
                    :SECTION_LIMIT
                ]
            ),
            case_studies.count(),
            CaseStudyIndexPage,
            locale,
            tag,
            "casestudies/includes/case_study_card.html",
        ),
        section(
            "resources",
            _("Resources"),
            list(resources[:SECTION_LIMIT]),
            resources.count(),
            ResourceIndexPage,
            locale,
            tag,
            "casestudies/includes/resource_card.html",
        ),
        section(
            "toolkits",
            _("Toolkits and guides"),
            with_keywords(toolkits[:SECTION_LIMIT]),
            len(toolkits),
            ToolkitIndexPage,
            locale,
            tag,
            "toolkits/includes/practical_card.html",
        ),
        section(
            "stories",
            _("Stories"),
            list(stories[:SECTION_LIMIT]),
            stories.count(),
            StoryIndexPage,
            locale,
            tag,
            "stories/includes/story_card.html",
        ),
    ]


def keyword_page(request, slug):
    tag = Tag.objects.filter(slug=slug).first()
    if tag is None:
        raise Http404("No such keyword")
    locale = Locale.get_active()
    sections = sections_for(tag, locale)
    if not any(item["total"] for item in sections) and not tagged_anywhere(tag):
        raise Http404("No published page has this keyword")
    return render(
        request,
        "keywords/keyword_page.html",
        {
            "keyword": tag,
            "sections": [item for item in sections if item["total"]],
            "principles": Principle.in_language(locale.pk),
        },
    )


def tagged_anywhere(tag):
    """Whether any live, public page of any language has the keyword (else the page is 404)."""
    models = (CaseStudyPage, ResourcePage, ToolkitPage, GuidePage, StoryPage)
    return any(
        model.objects.live().public().filter(tagged_items__tag=tag).exists() for model in models
    )
