"""A data table's statistics arranged for reading: rows and columns, a bar chart, CSV lines.

Statistics are stored one by one (evidence.blocks); a table shows them with a row per label and a
column per series, in the order an editor entered them.
"""

import csv
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from evidence.choices import Country, Unit
from hub.listing.export import Echo, escape_cell

CSV_COLUMNS = [
    "table",
    "row",
    "series",
    "value",
    "unit",
    "numerator",
    "denominator",
    "country",
    "year",
    "source",
    "caveat",
    "discrepancy",
]
# The chart's drawing, in SVG user units (it scales to the width of the page).
CHART_WIDTH = 640
CHART_BAR_AREA = 520
CHART_ROW = 44
CHART_BAR = 18


def first_series(statistics):
    return (statistics[0].get("series") or "") if statistics else ""


def rows_total(value):
    """The sum of the first column's figures (what a source's stated total is compared with)."""
    statistics = list(value.get("statistics") or [])
    series = first_series(statistics)
    return sum(
        (
            Decimal(statistic.get("value") or 0)
            for statistic in statistics
            if (statistic.get("series") or "") == series
        ),
        Decimal(0),
    )


def plain_number(number):
    """2.00 as '2', 91.50 as '91.5': figures as a reader writes them."""
    if number is None:
        return ""
    number = Decimal(number)
    return str(
        number.quantize(Decimal(1)) if number == number.to_integral() else number.normalize()
    )


def display_value(statistic):
    number = number_format(Decimal(plain_number(statistic["value"])), use_l10n=True)
    if statistic.get("unit") == Unit.PERCENT:
        return f"{number}%"
    if statistic.get("unit") == Unit.GBP:
        return f"£{number}"
    return number


@dataclass
class Cell:
    statistic: dict
    notes: list = field(default_factory=list)  # numbers of the table's notes about this cell

    @property
    def text(self):
        text = display_value(self.statistic)
        numerator, denominator = self.statistic.get("numerator"), self.statistic.get("denominator")
        if numerator is not None and denominator is not None and self._is_count_of(numerator):
            return _("%(value)s of %(denominator)s") % {
                "value": text,
                "denominator": number_format(denominator),
            }
        if numerator is not None and denominator is not None:
            text += " " + _("(%(numerator)s of %(denominator)s)") % {
                "numerator": number_format(numerator),
                "denominator": number_format(denominator),
            }
        return text

    def _is_count_of(self, numerator):
        return self.statistic.get("unit") == Unit.COUNT and Decimal(numerator) == Decimal(
            self.statistic["value"]
        )


@dataclass
class Row:
    label: str
    cells: list  # a Cell or None for each series


@dataclass
class Note:
    number: int
    text: str
    discrepancy: bool = False


@dataclass
class Bar:
    """One bar. Coordinates are strings, so no locale writes them with a decimal comma."""

    label: str
    value_text: str
    width: str
    label_y: str
    bar_y: str
    value_x: str
    value_y: str


class DataTable:
    def __init__(self, value, block_id=""):
        self.value = value
        self.block_id = block_id
        self.statistics = list(value.get("statistics") or [])
        self.series = []
        for statistic in self.statistics:
            if (statistic.get("series") or "") not in self.series:
                self.series.append(statistic.get("series") or "")
        self.notes = []
        self.rows = self._rows()

    @property
    def caption(self):
        return self.value.get("caption")

    @property
    def html_id(self):
        return f"table-{self.block_id}"

    @property
    def has_series_headings(self):
        return any(self.series)

    def _note(self, text, discrepancy=False):
        note = Note(len(self.notes) + 1, text, discrepancy)
        self.notes.append(note)
        return note.number

    def _rows(self):
        by_label = {}
        for statistic in self.statistics:
            cells = by_label.setdefault(statistic["label"], [None] * len(self.series))
            cell = Cell(statistic)
            if statistic.get("caveat"):
                cell.notes.append(self._note(statistic["caveat"]))
            if statistic.get("discrepancy"):
                cell.notes.append(self._note(statistic["discrepancy"], discrepancy=True))
            cells[self.series.index(statistic.get("series") or "")] = cell
        return [Row(label, cells) for label, cells in by_label.items()]

    @property
    def total_discrepancy(self):
        """What the rows add up to against the stated total, when they differ (else None)."""
        stated = self.value.get("stated_total")
        if stated is None:
            return None
        counted = rows_total(self.value)
        if counted == stated:
            return None
        return {"counted": plain_number(counted), "stated": plain_number(stated)}

    def chart_bars(self):
        """The first column's figures as horizontal bars, each label above its bar."""
        series = self.series[0] if self.series else ""
        charted = [s for s in self.statistics if (s.get("series") or "") == series]
        percent = all(s.get("unit") == Unit.PERCENT for s in charted)
        largest = Decimal(100) if percent else max((s["value"] for s in charted), default=0)
        bars = []
        for position, statistic in enumerate(charted):
            share = Decimal(statistic["value"]) / largest if largest else Decimal(0)
            width = float(share) * CHART_BAR_AREA
            top = position * CHART_ROW
            bars.append(
                Bar(
                    label=statistic["label"],
                    value_text=display_value(statistic),
                    width=f"{width:.1f}",
                    label_y=str(top + 14),
                    bar_y=str(top + 20),
                    value_x=f"{width + 6:.1f}",
                    value_y=str(top + 20 + CHART_BAR - 4),
                )
            )
        return bars

    @property
    def chart_series(self):
        return self.series[0] if self.series else ""

    @property
    def chart_height(self):
        charted = [s for s in self.statistics if (s.get("series") or "") == self.chart_series]
        return str(len(charted) * CHART_ROW)

    chart_width = str(CHART_WIDTH)
    bar_height = str(CHART_BAR)

    @property
    def filename(self):
        return f"{slugify(self.caption) or 'table'}.csv"

    def csv_lines(self):
        """The table as CSV, one statistic a line, every cell escaped against formulas."""
        writer = csv.writer(Echo())
        yield writer.writerow(CSV_COLUMNS)
        for statistic in self.statistics:
            country = statistic.get("country") or ""
            row = [
                self.caption,
                statistic.get("label"),
                statistic.get("series") or "",
                plain_number(statistic.get("value")),
                statistic.get("unit") or "",
                statistic.get("numerator"),
                statistic.get("denominator"),
                country if country in Country.values else "",
                statistic.get("year"),
                statistic.get("source") or self.value.get("source"),
                statistic.get("caveat") or "",
                statistic.get("discrepancy") or "",
            ]
            yield writer.writerow([escape_cell(cell) for cell in row])
