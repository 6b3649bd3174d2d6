"""The blocks of a story's day: a timeline of moments, each with an optional picture."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock


class MomentBlock(blocks.StructBlock):
    """One moment of the day: when, what happens, and optionally a picture with its description."""

    time_of_day = blocks.CharBlock(
        max_length=60,
        label=_("Time of day"),
        help_text=_("For example '7am', 'Morning' or 'After lunch'."),
    )
    what_happens = blocks.TextBlock(max_length=2000, label=_("What happens"))
    image = ImageChooserBlock(required=False, label=_("Picture (optional)"))
    image_alt = blocks.CharBlock(
        required=False,
        max_length=250,
        label=_("Describe the picture"),
        help_text=_("Needed when there is a picture: what someone who cannot see it should know."),
    )

    class Meta:
        icon = "time"
        label = _("Moment")
        template = "stories/blocks/moment_block.html"

    def clean(self, value):
        value = super().clean(value)
        if value.get("image") and not (value.get("image_alt") or "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "image_alt": ValidationError(
                        _("Describe the picture for people who cannot see it.")
                    )
                }
            )
        return value


class StoryDayBlock(blocks.StreamBlock):
    moment = MomentBlock()

    class Meta:
        min_num = 1
        block_counts = {"moment": {"min_num": 1}}
