"""Figures as structured statistics, and tables of them.

A statistic is one figure with what it counts: its unit, the numerator and denominator it was
worked out from, the country and year, its source and any caveat. A figure that does not agree
with its own numerator and denominator, or a table whose rows do not add up to the total the
source gives, is kept as the source has it and must carry a note saying so: the hub flags a
discrepancy in a source, it never silently corrects one.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from evidence.choices import Country, Unit
from evidence.tables import rows_total
from hub.blocks import BodyStreamBlock
from hub.localisation import TranslatableStructBlockMixin

# A percentage given to the nearest whole number may be up to half a point from the exact one.
PERCENT_TOLERANCE = Decimal("0.5")


def _errors(**messages):
    return StructBlockValidationError(
        block_errors={name: ErrorList([ValidationError(text)]) for name, text in messages.items()}
    )


def expected_value(unit, numerator, denominator):
    """What numerator and denominator give in the unit, or None when they give nothing."""
    if numerator is None or denominator is None or not denominator:
        return None
    if unit == Unit.PERCENT:
        return Decimal(100) * numerator / denominator
    return Decimal(numerator)


def disagrees(unit, value, numerator, denominator):
    expected = expected_value(unit, numerator, denominator)
    if expected is None or value is None:
        return False
    tolerance = PERCENT_TOLERANCE if unit == Unit.PERCENT else Decimal(0)
    return abs(Decimal(value) - expected) > tolerance


class StatisticBlock(TranslatableStructBlockMixin, blocks.StructBlock):
    """One figure. In a table, `label` names its row and `series` its column."""

    # The country is a key; figures are numbers (not offered for translation anyway).
    synchronised_child_blocks = ("country",)

    label = blocks.CharBlock(max_length=160, help_text=_("What is counted, e.g. 'England'."))
    series = blocks.CharBlock(
        required=False,
        max_length=80,
        help_text=_("The table column, e.g. 'Started the survey'. Leave empty for one column."),
    )
    value = blocks.DecimalBlock(decimal_places=2, help_text=_("The figure as the source gives it."))
    unit = blocks.ChoiceBlock(choices=Unit.choices, default=Unit.COUNT)
    numerator = blocks.IntegerBlock(required=False, min_value=0)
    denominator = blocks.IntegerBlock(
        required=False, min_value=1, help_text=_("Out of how many, e.g. 156 providers.")
    )
    country = blocks.ChoiceBlock(choices=Country.choices, required=False)
    year = blocks.IntegerBlock(required=False, min_value=1900, max_value=2100)
    source = blocks.CharBlock(
        required=False,
        max_length=200,
        help_text=_("Where in the source, e.g. 'Table 2'. The table's source is used if empty."),
    )
    caveat = blocks.CharBlock(required=False, max_length=300)
    discrepancy = blocks.TextBlock(
        required=False,
        max_length=400,
        help_text=_(
            "Required when the figure does not agree with its numerator and denominator: say "
            "what the source gives. The figure is shown as the source has it."
        ),
    )

    class Meta:
        icon = "table"
        label = _("Statistic")

    def clean(self, value):
        value = super().clean(value)
        unit, figure = value.get("unit"), value.get("value")
        numerator, denominator = value.get("numerator"), value.get("denominator")
        if unit == Unit.PERCENT and figure is not None and not 0 <= figure <= 100:
            raise _errors(value=_("A percentage is between 0 and 100."))
        if (numerator is None) != (denominator is None):
            missing = "denominator" if denominator is None else "numerator"
            raise _errors(
                **{missing: _("Give both the numerator and the denominator, or neither.")}
            )
        if numerator is not None and numerator > denominator:
            raise _errors(numerator=_("The numerator cannot be larger than the denominator."))
        if disagrees(unit, figure, numerator, denominator) and not value.get("discrepancy"):
            raise _errors(
                discrepancy=_(
                    "The figure does not agree with its numerator and denominator. Keep the "
                    "figure as the source gives it and say here what does not add up."
                )
            )
        return value


class DataTableBlock(blocks.StructBlock):
    """A table of statistics, shown as an HTML table, a bar chart and a CSV download."""

    caption = blocks.CharBlock(max_length=200, help_text=_("Says what the table shows."))
    row_heading = blocks.CharBlock(
        max_length=80, help_text=_("The heading of the first column, e.g. 'Country'.")
    )
    statistics = blocks.ListBlock(StatisticBlock(), min_num=1)
    source = blocks.CharBlock(max_length=300, help_text=_("The report, and where in it."))
    stated_total = blocks.DecimalBlock(
        required=False,
        decimal_places=2,
        help_text=_("The total the source gives for the first column, if it gives one."),
    )
    discrepancy = blocks.TextBlock(
        required=False,
        max_length=400,
        help_text=_("Required when the rows do not add up to the stated total: say so."),
    )
    show_chart = blocks.BooleanBlock(
        required=False, default=True, help_text=_("Draw the first column as a bar chart.")
    )

    class Meta:
        icon = "table"
        label = _("Data table")

    def clean(self, value):
        value = super().clean(value)
        seen = set()
        for statistic in value.get("statistics") or []:
            cell = (statistic.get("label"), statistic.get("series") or "")
            if cell in seen:
                raise _errors(
                    statistics=_("Two statistics have the same row and column: %(row)s.")
                    % {"row": " / ".join(part for part in cell if part)}
                )
            seen.add(cell)
        stated = value.get("stated_total")
        counted = rows_total(value)
        if stated is not None and counted != stated and not value.get("discrepancy"):
            raise _errors(
                discrepancy=_(
                    "The rows add up to %(counted)s, not the stated total of %(stated)s. Keep "
                    "both as the source gives them and say here what does not add up."
                )
                % {"counted": counted, "stated": stated}
            )
        return value


class EvidenceBodyBlock(BodyStreamBlock):
    data_table = DataTableBlock()

    class Meta:
        template = "blocks/body_stream_block.html"
