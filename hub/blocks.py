"""StreamField blocks shared across the hub. App-specific blocks live in each app's blocks.py."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from hub.localisation import TranslatableStructBlockMixin

PARAGRAPH_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))],
        default="h2",
        help_text=_("Keep headings in order: a level 3 heading belongs under a level 2."),
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"


class CalloutBlock(blocks.StructBlock):
    """A highlighted box, e.g. 'Why this is co-production' or a practical tip."""

    heading = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "pick"
        template = "blocks/callout_block.html"


class MediaBlock(blocks.StructBlock):
    """An embedded video or audio with a transcript, so nobody depends on sound or sight alone."""

    embed = EmbedBlock(help_text=_("Link to the video or audio."))
    title = blocks.CharBlock(max_length=200)
    transcript = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ul"],
        help_text=_("A full transcript or description. Required for accessibility."),
    )

    class Meta:
        icon = "media"
        template = "blocks/media_block.html"


class FigureBlock(ImageBlock):
    """An image with its alt text (or marked decorative), shown at a readable width."""

    class Meta:
        icon = "image"
        template = "blocks/figure_block.html"


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=PARAGRAPH_FEATURES)
    image = FigureBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()
    media = MediaBlock()

    class Meta:
        template = "blocks/body_stream_block.html"


class QuestionBlock(blocks.CharBlock):
    """A reflective question."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 300)
        super().__init__(**kwargs)

    class Meta:
        icon = "help"


class RouteBlock(TranslatableStructBlockMixin, blocks.StructBlock):
    """A route in from the home page: a heading, a sentence and where it leads."""

    # A path such as "stories/share/" is the same in every language: never offered to translate.
    synchronised_child_blocks = ("url",)

    heading = blocks.CharBlock(max_length=60)
    description = blocks.TextBlock(max_length=240)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.CharBlock(
        required=False,
        max_length=200,
        help_text=_("Use when the route is not a page, e.g. the story form."),
    )

    class Meta:
        icon = "link"
        template = "blocks/route_block.html"


class AudienceLinkBlock(TranslatableStructBlockMixin, blocks.StructBlock):
    """One link of an audience's route in: a page, or a path such as "glossary/"."""

    synchronised_child_blocks = ("url",)

    label = blocks.CharBlock(max_length=80)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.CharBlock(
        required=False,
        max_length=200,
        help_text=_("Use when the link is not a page, e.g. a filtered listing."),
    )

    class Meta:
        icon = "link"


class AudienceRouteBlock(blocks.StructBlock):
    """A route in for one audience (commissioners, practitioners...): who, why, where to start."""

    audience = blocks.CharBlock(max_length=60, help_text=_("e.g. 'Commissioners'."))
    description = blocks.TextBlock(max_length=240)
    links = blocks.ListBlock(AudienceLinkBlock(), min_num=1, max_num=4)

    class Meta:
        icon = "user"
        template = "blocks/audience_route_block.html"


class SignpostBlock(blocks.StructBlock):
    """Where to get support: an organisation, how to reach it, and when."""

    name = blocks.CharBlock(max_length=120)
    description = blocks.TextBlock(required=False, max_length=300)
    phone = blocks.CharBlock(required=False, max_length=40)
    url = blocks.URLBlock(required=False)

    class Meta:
        icon = "help"
        template = "blocks/signpost_block.html"
