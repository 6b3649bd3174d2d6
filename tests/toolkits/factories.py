"""Factories for toolkits, guides, learning forums and the self-assessment.

ToolkitPageFactory(parent=index, principles=["networks"], keywords=["Peer Support"])
forum = LearningForumPageFactory(parent=index)        # its groups and workflow come with it
GuidePageFactory(parent=forum, live=False)             # a draft
SelfAssessmentPageFactory(parent=index, statements={"assets": 2, "networks": 1})
"""

import factory
import wagtail_factories
from taggit.models import Tag

from hub.models import Principle
from toolkits.models import (
    AssessmentStatement,
    GuidePage,
    LearningForumPage,
    SelfAssessmentPage,
    ToolkitPage,
)


def _principles(page, keys):
    return list(Principle.objects.filter(key__in=keys, locale=page.locale))


class _PracticalFactory(wagtail_factories.PageFactory):
    class Meta:
        abstract = True
        skip_postgeneration_save = True

    summary = "Practical steps for working with the people who use a service."
    audience = "everyone"

    @factory.post_generation
    def principles(page, create, extracted, **kwargs):
        if extracted:
            page.principles.set(_principles(page, extracted))
            page.save()

    @factory.post_generation
    def keywords(page, create, extracted, **kwargs):
        for name in extracted or []:
            tag = Tag.objects.get_or_create(name=name)[0]
            page.tagged_items.model.objects.create(content_object=page, tag=tag)


class ToolkitPageFactory(_PracticalFactory):
    class Meta:
        model = ToolkitPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Toolkit {n}")


class GuidePageFactory(_PracticalFactory):
    class Meta:
        model = GuidePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Guide {n}")


class LearningForumPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LearningForumPage

    title = factory.Sequence(lambda n: f"Forum {n}")
    purpose = "<p>Services learning together.</p>"


class SelfAssessmentPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SelfAssessmentPage
        skip_postgeneration_save = True

    title = "Self-assessment"

    @factory.post_generation
    def statements(page, create, extracted, **kwargs):
        """{principle key: how many statements}; by default two for each of the six."""
        counts = extracted or {p.key: 2 for p in Principle.objects.filter(locale=page.locale)}
        for key, count in counts.items():
            principle = Principle.objects.get(key=key, locale=page.locale)
            for number in range(count):
                AssessmentStatement.objects.create(
                    page=page, principle=principle, text=f"{principle.name} statement {number}"
                )
