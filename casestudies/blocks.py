"""StreamField blocks of the case-study catalogue.

The shapes here mirror the import format (docs/catalogue-import.md), so that an imported case
study and one written in the admin look the same.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from hub.blocks import BodyStreamBlock, QuestionBlock
from hub.localisation import TranslatableStructBlockMixin

SECTION_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class LearningPointBlock(blocks.StructBlock):
    """One thing other services can learn, with questions to ask of their own practice."""

    point = blocks.TextBlock(max_length=600)
    questions = blocks.ListBlock(
        QuestionBlock(),
        default=[],
        help_text=_("Reflective questions a reader can ask about their own service."),
    )

    class Meta:
        icon = "help"
        label = _("Learning point")
        template = "casestudies/blocks/learning_point_block.html"


class CaseStudyBodyBlock(BodyStreamBlock):
    """The narrative of a case study: the two standard sections plus the shared body blocks."""

    more_about = blocks.RichTextBlock(
        features=SECTION_FEATURES,
        label=_("More about"),
        help_text=_("Shown under the heading 'More about' followed by the case study's name."),
        template="casestudies/blocks/more_about_block.html",
    )
    why_coproduction = blocks.RichTextBlock(
        features=SECTION_FEATURES,
        label=_("Why is this co-production?"),
        help_text=_("Shown as a highlighted box headed 'Why is this co-production?'."),
        template="casestudies/blocks/why_coproduction_block.html",
    )

    class Meta:
        template = "blocks/body_stream_block.html"


class EvidenceBlock(TranslatableStructBlockMixin, blocks.StructBlock):
    """One piece of evidence of impact, structured so that figures can be compared."""

    statement = blocks.CharBlock(max_length=300, help_text=_("What was measured or observed."))
    figure = blocks.CharBlock(required=False, max_length=60, help_text=_("A headline figure."))
    baseline = blocks.CharBlock(required=False, max_length=200)
    result = blocks.CharBlock(required=False, max_length=200)
    unit = blocks.CharBlock(required=False, max_length=60)
    source = blocks.CharBlock(required=False, max_length=300)
    year = blocks.IntegerBlock(required=False, min_value=1900, max_value=2100)

    # Figures are facts, the same in every language; the words around them are translated.
    synchronised_child_blocks = ("figure",)

    class Meta:
        icon = "list-ul"
        label = _("Evidence")


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200)
    url = blocks.URLBlock()

    class Meta:
        icon = "link"
        label = _("Link")
