"""Factories for the catalogue: case studies with ratings, keywords and taxonomy in one call.

CaseStudyPageFactory(parent=index, ratings={"networks": 3}, keywords=["Peer Support"],
                     client_groups=[carers], sector=sector)
"""

import factory
import wagtail_factories
from taggit.models import Tag
from wagtail.models import Locale

from casestudies.models import (
    CaseStudyPage,
    CaseStudyPageTag,
    ClientGroup,
    PrinciplePage,
    PrincipleRating,
    ResourcePage,
    ResourcePageTag,
    Sector,
)
from hub.models import Principle


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("key", "locale")

    key = factory.Sequence(lambda n: f"sector-{n}")
    name = factory.LazyAttribute(lambda o: o.key.replace("-", " ").capitalize())
    locale = factory.LazyFunction(Locale.get_default)


class ClientGroupFactory(SectorFactory):
    class Meta:
        model = ClientGroup
        django_get_or_create = ("key", "locale")

    key = factory.Sequence(lambda n: f"group-{n}")


def _tag(name):
    return Tag.objects.get_or_create(name=name)[0]


class CaseStudyPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CaseStudyPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Case study {n}")
    summary = "A service run with the people who use it."
    location = "Leeds"
    country = "england"
    depth_level = "intermediate"
    evaluated = False

    @factory.post_generation
    def ratings(page, create, extracted, **kwargs):
        """{principle key: strength}."""
        for key, strength in (extracted or {}).items():
            principle = Principle.objects.get(key=key, locale=page.locale)
            PrincipleRating.objects.create(page=page, principle=principle, strength=strength)

    @factory.post_generation
    def keywords(page, create, extracted, **kwargs):
        for name in extracted or []:
            CaseStudyPageTag.objects.create(content_object=page, tag=_tag(name))

    @factory.post_generation
    def client_groups(page, create, extracted, **kwargs):
        if extracted:
            through = CaseStudyPage.client_groups.through
            for group in extracted:
                through.objects.create(casestudypage=page, clientgroup=group)


class ResourcePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ResourcePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Resource {n}")
    resource_type = "research"
    why_useful = "It explains how to start."

    @factory.post_generation
    def keywords(page, create, extracted, **kwargs):
        for name in extracted or []:
            ResourcePageTag.objects.create(content_object=page, tag=_tag(name))


class PrinciplePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PrinciplePage

    title = factory.LazyAttribute(lambda o: o.principle.name)
    slug = factory.LazyAttribute(lambda o: o.principle.key.replace("_", "-"))
