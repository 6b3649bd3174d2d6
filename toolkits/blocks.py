"""StreamField blocks of toolkits, guides and learning forums."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

STEP_FEATURES = ["bold", "italic", "link", "ul", "ol", "document-link"]


class StepBlock(blocks.StructBlock):
    """One step of a guide: what to do, and an optional checklist to tick off on paper."""

    heading = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=STEP_FEATURES)
    checklist = blocks.ListBlock(
        blocks.CharBlock(max_length=200, label=_("Item")),
        default=[],
        label=_("Checklist"),
        help_text=_("Optional: short things to check before moving on."),
    )

    class Meta:
        icon = "list-ol"
        label = _("Step")
        template = "toolkits/blocks/step_block.html"


class DownloadBlock(blocks.StructBlock):
    """A downloadable document with the same content as accessible HTML beside it.

    Forms and handouts are often PDFs or Word files that screen readers and phones handle badly,
    so every download must carry an HTML version that a visitor can read on the page.
    """

    document = DocumentChooserBlock()
    title = blocks.CharBlock(
        max_length=160, help_text=_("What the document is, e.g. 'Planning checklist'.")
    )
    description = blocks.TextBlock(required=False, max_length=300)
    html_alternative = blocks.RichTextBlock(
        features=["h3", "bold", "italic", "link", "ul", "ol"],
        label=_("Accessible HTML version"),
        help_text=_("The document's content as text, for people who cannot use the file."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Download")
        template = "toolkits/blocks/download_block.html"


class MeetingNoteBlock(blocks.StructBlock):
    """A short public summary of one learning forum meeting."""

    date = blocks.DateBlock()
    heading = blocks.CharBlock(max_length=120)
    notes = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "date"
        label = _("Meeting notes")
        template = "toolkits/blocks/meeting_note_block.html"
